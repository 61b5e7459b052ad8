/**
 * GET /api/audit: the audit log, newest first, a page at a time (state_admin: all of it;
 * manager: her centre's events). Reading it is not itself audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor, resolveListFilter } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import { listAudit } from '../services/audit.ts';
import type { ServiceContext } from '../services/context.ts';
import { canReadAudit, managementScope } from '../services/permissions.ts';
import { auditEntryJsonSchema, auditEntryView } from './views.ts';

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
  app.get('/audit', { schema: listSchema }, async (request) => {
    const actor = getActor(request);
    const query = request.query as { centreId?: string; before?: string; limit?: string };
    const filter = resolveListFilter(managementScope(actor), query.centreId, (id) =>
      canReadAudit(actor, id),
    );
    const page = await listAudit(ctx.db, {
      centreId: filter.kind === 'centre' ? filter.centreId : undefined,
      before: query.before === undefined ? undefined : Number(query.before),
      limit: Math.min(MAX_PAGE, query.limit === undefined ? DEFAULT_PAGE : Number(query.limit)),
    });
    return { entries: page.entries.map(auditEntryView), nextBefore: page.nextBefore };
  });
  return Promise.resolve();
};
