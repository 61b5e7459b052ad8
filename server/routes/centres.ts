/** GET /api/centres: every centre for headquarters roles; her own for centre staff. */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor, resolveListFilter } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import { listCentres } from '../services/accounts.ts';
import type { ServiceContext } from '../services/context.ts';
import { canViewCentre, centresScope } from '../services/permissions.ts';
import { centreDetailJsonSchema, centreDetailView } from './views.ts';

const listSchema = {
  summary: 'Centres the caller may see',
  querystring: objectSchema({ centreId: centreIdQuerySchema }, ['centreId']),
  response: withErrorResponses({
    200: objectSchema({ centres: arraySchema(centreDetailJsonSchema) }),
  }),
} as const;

export const centreRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = (app, { ctx }) => {
  app.get('/centres', { schema: listSchema }, async (request) => {
    const actor = getActor(request);
    const { centreId } = request.query as { centreId?: string };
    const filter = resolveListFilter(
      centresScope(actor),
      centreId,
      (id) => id !== null && canViewCentre(actor, id),
    );
    const centres = await listCentres(ctx.db, filter);
    return { centres: centres.map(centreDetailView) };
  });
  return Promise.resolve();
};
