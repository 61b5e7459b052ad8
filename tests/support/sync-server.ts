/**
 * The sync routes on a bare Fastify app, for route tests and the two-server test.
 * Registered as app.ts registers plugins (compress first), but the session check is
 * replaced by the TEST SEAM below: the actor is read from a header. Production passes
 * the session's actor instead (see server/routes/sync.ts, `resolveActor`).
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SyncDatabase } from '../../server/db/sync-schema.ts';
import { syncRoutes, type SyncRoutesOptions } from '../../server/routes/sync.ts';
import type { SyncActor } from '../../server/services/sync-scope.ts';

/** TEST SEAM ONLY: a JSON SyncActor in this header stands in for a signed-in session. */
export const TEST_ACTOR_HEADER = 'x-test-actor';

export function actorHeaders(actor: SyncActor): Record<string, string> {
  return { [TEST_ACTOR_HEADER]: JSON.stringify(actor) };
}

export async function buildSyncTestApp(
  db: Kysely<SyncDatabase>,
  options: Pick<SyncRoutesOptions, 'now' | 'audit'> = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(compress, { encodings: ['br', 'gzip'] });
  await app.register(syncRoutes, {
    prefix: '/api',
    db,
    ...options,
    resolveActor: (request) => {
      const header = request.headers[TEST_ACTOR_HEADER];
      return typeof header === 'string' ? (JSON.parse(header) as SyncActor) : null;
    },
  });
  return app;
}
