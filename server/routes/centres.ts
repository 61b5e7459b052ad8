/** GET /api/centres: every centre for headquarters roles; her own for centre staff. */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { listCentresFor } from '../services/management.ts';
import { centreDetailJsonSchema } from './response-schemas.ts';

const listSchema = {
  summary: 'Centres the caller may see',
  querystring: objectSchema({ centreId: centreIdQuerySchema }, ['centreId']),
  response: withErrorResponses({
    200: objectSchema({ centres: arraySchema(centreDetailJsonSchema) }),
  }),
} as const;

export const centreRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = (app, { ctx }) => {
  app.get('/centres', { schema: listSchema }, (request) => {
    const { centreId } = request.query as { centreId?: string };
    return listCentresFor(ctx, getActor(request), centreId);
  });
  return Promise.resolve();
};
