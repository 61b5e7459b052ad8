/**
 * GET /api/health: is this server up and able to reach its database? Load balancers poll
 * it, and the tablet reads `serverTime` to learn how far its own clock is off.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { PROTOCOL_VERSION } from '../../src/domain/protocol.ts';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { withErrorResponses } from '../http/api-errors.ts';
import { assertDatabaseReachable } from '../services/health.ts';
import { SERVER_VERSION } from '../version.ts';

export interface HealthRouteOptions {
  db: Kysely<Database>;
  dialect: Dialect;
  demo: boolean;
}

const healthSchema = {
  summary: 'Server and database status',
  response: withErrorResponses({
    200: {
      type: 'object',
      required: ['status', 'db', 'protocolVersion', 'serverTime', 'demo', 'version'],
      additionalProperties: false,
      properties: {
        status: { type: 'string', const: 'ok' },
        db: { type: 'string', enum: ['sqlite', 'postgres'] },
        protocolVersion: { type: 'integer' },
        /** ISO-8601 UTC, read as late as possible so it is close to when the reply leaves. */
        serverTime: { type: 'string', format: 'date-time' },
        demo: { type: 'boolean' },
        version: { type: 'string' },
      },
    },
  }),
} as const;

export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = (app, options) => {
  app.get('/health', { schema: healthSchema }, async () => {
    await assertDatabaseReachable(options.db);
    return {
      status: 'ok',
      db: options.dialect,
      protocolVersion: PROTOCOL_VERSION,
      serverTime: new Date().toISOString(),
      demo: options.demo,
      version: SERVER_VERSION,
    };
  });
  return Promise.resolve();
};
