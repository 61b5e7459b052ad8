/**
 * Builds the headquarters server: the API under /api, the built app everywhere else.
 * Returns the instance unstarted, so tests can inject requests or add routes first.
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Dialect } from './db/database.ts';
import type { Database } from './db/schema.ts';
import { apiErrorSchema } from './http/api-errors.ts';
import { handleNotFound, registerAppShell } from './http/app-shell.ts';
import {
  DEFAULT_CONNECTION_LIMITS,
  limitUnauthenticatedSockets,
  toServerTimeoutOptions,
  type ConnectionLimits,
} from './http/connection-limits.ts';
import { handleError } from './http/error-handler.ts';
import { registerJsonBodies } from './http/json-body.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import {
  audit,
  decorateRequests,
  getActor,
  registerProtectedApi,
  requesterOf,
} from './http/auth.ts';
import { auditRoutes } from './routes/audit.ts';
import { sessionRoutes, signInRoutes } from './routes/auth.ts';
import { centreRoutes } from './routes/centres.ts';
import { deviceRoutes } from './routes/devices.ts';
import { healthRoutes } from './routes/health.ts';
import { reportRoutes } from './routes/reports.ts';
import { sealedPushRoutes } from './routes/sealed-push.ts';
import { syncRoutes } from './routes/sync.ts';
import { userRoutes } from './routes/users.ts';
import type { SyncTables } from './db/sync-schema.ts';
import { createAuditGroupCommit } from './services/audit-group-commit.ts';
import type { ServiceContext } from './services/context.ts';
import type { NewDeviceLimits } from './services/new-device-quota.ts';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './services/passwords.ts';
import { schedulePruning } from './services/pruning.ts';
import type { ServerSecrets } from './services/server-secrets.ts';

export interface ServerOptions {
  db: Kysely<Database>;
  dialect: Dialect;
  demo: boolean;
  /** Folder of the built app; must hold index.html for deep links to work. */
  staticDir: string;
  logger: FastifyServerOptions['logger'];
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's
   * `trustProxy`: addresses or CIDRs of the proxies, comma-separated. Rate limits and the
   * audit log use the address this yields. Default: none (the socket's address).
   */
  trustProxy?: string;
  /** The clock; tests move it. Default: the system clock. */
  now?: () => Date;
  /** Timeouts and the per-address socket cap; tests shorten them. Default: DEFAULT_CONNECTION_LIMITS. */
  connectionLimits?: Readonly<ConnectionLimits>;
  /** The server's secrets (./services/server-secrets.ts), loaded at start. */
  secrets: ServerSecrets;
  /** TESTS ONLY: a cheaper scrypt cost. Production always hashes at DEFAULT_SCRYPT_PARAMS. */
  passwordParams?: Readonly<ScryptParams>;
  /** New tablets allowed a day per account and per centre. Default: DEFAULT_NEW_DEVICE_LIMITS. */
  newDeviceLimits?: Readonly<NewDeviceLimits>;
  /** How often expired sessions and throttle counts are deleted. Default: PRUNE_INTERVAL_MS. */
  pruneIntervalMs?: number;
}

// A sync batch is at most 1 MB (docs/sync-protocol.md, "At a glance"); anything larger is a bug or abuse.
// With a gzip request body the limit applies to the decompressed bytes, so a small
// "zip bomb" cannot expand into memory.
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const connectionLimits = options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS;
  const app = Fastify({
    ...toServerTimeoutOptions(connectionLimits),
    logger: options.logger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: {
      // Fastify's defaults would turn a number into a string and silently drop unknown
      // fields: a tablet's change must be taken exactly as sent or refused with a reason,
      // never quietly altered. Querystrings therefore arrive as strings; a route that
      // wants a number declares a pattern and converts.
      customOptions: { coerceTypes: false, removeAdditional: false },
    },
  });
  // Behind a trusted proxy every socket is the proxy's: the proxy limits clients instead.
  if (!options.trustProxy) limitUnauthenticatedSockets(app, connectionLimits);
  registerJsonBodies(app);
  app.addSchema(apiErrorSchema);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await registerSecurityHeaders(app);
  // Brotli first: on 2G every kilobyte counts, and browsers all accept it. Request
  // bodies may come in the same two; any other Content-Encoding is refused 415. They are
  // unpacked by the JSON body parser in one call (http/body-encoding.ts), not by the
  // plugin's stream, which cost the event loop more than the records' inserts under load.
  await app.register(compress, { encodings: ['br', 'gzip'], globalDecompression: false });

  await app.register(healthRoutes, {
    prefix: '/api',
    db: options.db,
    dialect: options.dialect,
    demo: options.demo,
  });
  const ctx: ServiceContext = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    passwordParams: options.passwordParams ?? DEFAULT_SCRYPT_PARAMS,
    secrets: options.secrets,
    ...(options.newDeviceLimits ? { newDeviceLimits: options.newDeviceLimits } : {}),
  };
  decorateRequests(app);
  await app.register(signInRoutes, { prefix: '/api', ctx });
  // A locked tablet's push proves its device key instead of a session.
  await app.register(sealedPushRoutes, { prefix: '/api', ctx });
  // Every other API route needs a session, case sync included.
  await registerProtectedApi(app, ctx, async (api) => {
    await api.register(sessionRoutes, { ctx });
    await api.register(centreRoutes, { ctx });
    await api.register(userRoutes, { ctx });
    await api.register(deviceRoutes, { ctx });
    await api.register(reportRoutes, { ctx });
    await api.register(auditRoutes, { ctx });
    const auditRead = createAuditGroupCommit(ctx.db);
    await api.register(syncRoutes, {
      db: options.db.withTables<SyncTables>(),
      now: ctx.now,
      resolveActor: (request) => getActor(request),
      audit: (request, entry, db) => {
        const row = {
          action: entry.action,
          outcome: 'success' as const,
          resourceType: 'sync',
          centreId: entry.centreId,
          details: entry.details,
        };
        // A push's row goes in its own transaction; a pull's joins the next group commit.
        if (db) return audit(ctx, request, row, db);
        const { actor, ip } = requesterOf(request);
        return auditRead(ctx.now(), { ...row, userId: actor.userId, deviceId: actor.deviceId, ip });
      },
    });
  });
  await registerAppShell(app, options.staticDir);
  const pruning = schedulePruning({
    db: options.db,
    now: ctx.now,
    ...(options.pruneIntervalMs ? { intervalMs: options.pruneIntervalMs } : {}),
    onPruned: (pruned) => {
      if (pruned.sessions + pruned.throttles > 0) app.log.info({ pruned }, 'pruned expired rows');
    },
    onError: (error) => app.log.error({ err: error }, 'pruning expired rows failed'),
  });
  app.addHook('onClose', (_instance, done) => {
    pruning.stop();
    done();
  });
  return app;
}
