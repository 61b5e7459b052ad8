/**
 * GET /api/audit: the audit log, newest first, a page at a time (state_admin: all of it;
 * manager: her centre's events). Reading it is not itself audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { listAuditFor } from '../services/management.ts';
import { auditEntryJsonSchema } from './response-schemas.ts';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

const listSchema = {
  summary: 'Audit log, newest first',
  querystring: objectSchema(
    {
      centreId: centreIdQuerySchema,
      // Querystrings arrive as strings (no coercion, see app.ts): digits only.
      before: { type: 'string', pattern: '^[1-9][0-9]{0,14}$' },
      limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' },
    },
    ['centreId', 'before', 'limit'],
  ),
  response: withErrorResponses({
    200: objectSchema({
      entries: arraySchema(auditEntryJsonSchema),
      nextBefore: { type: ['integer', 'null'] },
    }),
  }),
} as const;

export const auditRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = (app, { ctx }) => {
  app.get('/audit', { schema: listSchema }, (request) => {
    const query = request.query as { centreId?: string; before?: string; limit?: string };
    return listAuditFor(ctx, getActor(request), {
      requestedCentreId: query.centreId,
      before: query.before === undefined ? undefined : Number(query.before),
      limit: Math.min(MAX_PAGE, query.limit === undefined ? DEFAULT_PAGE : Number(query.limit)),
    });
  });
  return Promise.resolve();
};
