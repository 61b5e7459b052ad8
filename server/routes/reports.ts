/**
 * GET /api/reports/summary: counts per centre (headquarters roles: every centre;
 * manager: her own). GET /api/reports/indicators: the indicators of a period, for the
 * state, a district or a manager's centre. No names, ever: only numbers leave these routes.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from '../../src/domain/zod.ts';
import { indicatorAnswerSchema } from '../../src/domain/report-indicators.ts';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor } from '../http/auth.ts';
import { arraySchema, instantSchema, objectSchema, stringSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { readIndicatorsFor, type IndicatorQuery } from '../services/report-indicators.ts';
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

const indicatorsSchema = {
  summary: 'Indicators of a period: the state, one district, or a manager’s own centre',
  // Checked by the service, which says what is wrong with a period in both languages.
  querystring: objectSchema({ from: stringSchema, to: stringSchema, district: stringSchema }, [
    'from',
    'to',
    'district',
  ]),
  response: withErrorResponses({
    200: z.toJSONSchema(indicatorAnswerSchema, { target: 'draft-7', io: 'output' }),
  }),
} as const;

export const reportRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = (app, { ctx }) => {
  app.get('/reports/summary', { schema: summarySchema }, (request) => {
    const { centreId } = request.query as { centreId?: string };
    return summarizeCentresFor(ctx, getActor(request), centreId);
  });
  app.get('/reports/indicators', { schema: indicatorsSchema }, (request) =>
    readIndicatorsFor(ctx, getActor(request), request.query as IndicatorQuery),
  );
  return Promise.resolve();
};
