/**
 * GET /api/reports/summary: counts per centre (headquarters roles: every centre;
 * manager: her own). No names, ever: only numbers leave this route.
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor } from '../http/auth.ts';
import { arraySchema, instantSchema, objectSchema, stringSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { summarizeCentresFor } from '../services/reports.ts';

const count = { type: 'integer', minimum: 0 } as const;

const summarySchema = {
  summary: 'Counts per centre (accounts, tablets, sign-ins; cases once sync exists)',
  querystring: objectSchema({ centreId: centreIdQuerySchema }, ['centreId']),
  response: withErrorResponses({
    200: objectSchema({
      serverTime: instantSchema,
      centres: arraySchema(
        objectSchema({
          centreId: stringSchema,
          districtCode: stringSchema,
          nameHi: stringSchema,
          nameEn: stringSchema,
          activeStaff: count,
          activeDevices: count,
          signInsLast30Days: count,
        }),
      ),
      cases: { type: 'null' },
    }),
  }),
} as const;

export const reportRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = (app, { ctx }) => {
  app.get('/reports/summary', { schema: summarySchema }, (request) => {
    const { centreId } = request.query as { centreId?: string };
    return summarizeCentresFor(ctx, getActor(request), centreId);
  });
  return Promise.resolve();
};
