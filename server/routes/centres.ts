/**
 * GET /api/centres: every centre for headquarters roles; her own for centre staff.
 * PUT /api/centres/:id/lock: how soon the centre's tablets lock (its manager, or
 * state_admin).
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor, requesterOf } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { setCentreLockFor } from '../services/centre-lock.ts';
import { listCentresFor } from '../services/management.ts';
import { centreDetailJsonSchema } from './response-schemas.ts';

const listSchema = {
  summary: 'Centres the caller may see',
  querystring: objectSchema({ centreId: centreIdQuerySchema }, ['centreId']),
  response: withErrorResponses({
    200: objectSchema({ centres: arraySchema(centreDetailJsonSchema) }),
  }),
} as const;

const lockSchema = objectSchema({ idleMinutes: { type: 'integer', minimum: 1, maximum: 60 } });

const setLockSchema = {
  summary: 'Set how many idle minutes before the centre’s tablets lock',
  params: objectSchema({ id: { type: 'string', minLength: 1, maxLength: 64 } }),
  body: lockSchema,
  response: withErrorResponses({
    200: objectSchema({ centreId: { type: 'string' }, lock: lockSchema }),
  }),
} as const;

export const centreRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = (app, { ctx }) => {
  app.get('/centres', { schema: listSchema }, (request) => {
    const { centreId } = request.query as { centreId?: string };
    return listCentresFor(ctx, getActor(request), centreId);
  });

  app.put('/centres/:id/lock', { schema: setLockSchema }, (request) => {
    const { id } = request.params as { id: string };
    const { idleMinutes } = request.body as { idleMinutes: number };
    return setCentreLockFor(ctx, requesterOf(request), id, idleMinutes);
  });
  return Promise.resolve();
};
