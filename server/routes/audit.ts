/**
 * GET /api/audit: the audit log, newest first, a page at a time (state_admin: all of it;
 * manager: her centre's events), narrowed by person, action and time if asked. Reading
 * it is not itself audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { auditActions, type AuditAction } from '../services/audit.ts';
import { listAuditFor } from '../services/management.ts';
import { auditEntryJsonSchema } from './response-schemas.ts';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

interface AuditQuerystring {
  centreId?: string;
  before?: string;
  limit?: string;
  userId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

const listSchema = {
  summary: 'Audit log, newest first',
  querystring: objectSchema(
    {
      centreId: centreIdQuerySchema,
      // Querystrings arrive as strings (no coercion, see app.ts): digits only.
      before: { type: 'string', pattern: '^[1-9][0-9]{0,14}$' },
      limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' },
      userId: { type: 'string', pattern: '^[0-9A-Za-z_-]{1,64}$' },
      action: { type: 'string', enum: [...auditActions] },
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
    },
    ['centreId', 'before', 'limit', 'userId', 'action', 'from', 'to'],
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
    const query = request.query as AuditQuerystring;
    return listAuditFor(ctx, getActor(request), {
      requestedCentreId: query.centreId,
      before: query.before === undefined ? undefined : Number(query.before),
      limit: Math.min(MAX_PAGE, query.limit === undefined ? DEFAULT_PAGE : Number(query.limit)),
      ...(query.userId === undefined ? {} : { userId: query.userId }),
      ...(query.action === undefined ? {} : { action: query.action }),
      ...(query.from === undefined ? {} : { from: new Date(query.from).toISOString() }),
      ...(query.to === undefined ? {} : { to: new Date(query.to).toISOString() }),
    });
  });
  return Promise.resolve();
};
