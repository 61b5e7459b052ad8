/**
 * Sessions on the HTTP side: every route registered through `registerProtectedApi`
 * answers only to a valid `Authorization: Bearer <token>`, and finds who is asking in
 * `getActor(request)` — never in the body. `requesterOf(request)` is who services
 * write to the audit log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordRequestAudit, type AuditEntry, type Requester } from '../services/audit.ts';
import type { ServiceContext } from '../services/context.ts';
import type { Actor } from '../services/permissions.ts';
import { ServiceError } from '../services/service-error.ts';
import { authenticate } from '../services/sessions.ts';
import { markSocketAuthenticated } from './connection-limits.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session check; null on routes that need no session (health, sign-in). */
    actor: Actor | null;
    /** The session's expiry as of this request (it slides with use). */
    sessionExpiry: { expiresAt: string; absoluteExpiresAt: string } | null;
  }
}

const BEARER = /^Bearer ([^\s]+)$/;

/** Registers `routes` under /api behind the session check. */
export async function registerProtectedApi(
  app: FastifyInstance,
  ctx: ServiceContext,
  routes: (api: FastifyInstance) => Promise<void>,
): Promise<void> {
  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request) => {
        const header = request.headers.authorization;
        const token = header ? BEARER.exec(header)?.[1] : undefined;
        if (!token) throw new ServiceError('not_signed_in');
        const result = await authenticate(ctx.db, token, ctx.now());
        if (!result.ok) throw new ServiceError(result.code);
        request.actor = result.actor;
        markSocketAuthenticated(request.raw.socket);
        request.sessionExpiry = {
          expiresAt: result.expiresAt,
          absoluteExpiresAt: result.absoluteExpiresAt,
        };
      });
      await routes(api);
    },
    { prefix: '/api' },
  );
}

export function decorateRequests(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpiry', null);
}

export function getActor(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new Error('route needs a session but is not behind registerProtectedApi');
  return request.actor;
}

/** Who is asking, as services audit it: the session's actor and the client address. */
export function requesterOf(request: FastifyRequest): Requester {
  return { actor: getActor(request), ip: request.ip };
}

/** Writes an audit row for this request: who and from where come from the session. */
export async function audit(
  ctx: ServiceContext,
  request: FastifyRequest,
  entry: Omit<AuditEntry, 'userId' | 'deviceId' | 'ip'>,
  db = ctx.db,
): Promise<void> {
  await recordRequestAudit(ctx, { actor: request.actor, ip: request.ip }, entry, db);
}

/** `?centreId=` as lists take it: a centre id, or `headquarters` for rows of no centre. */
export const centreIdQuerySchema = {
  type: 'string',
  pattern: '^([0-9a-fA-F-]{36}|headquarters)$',
} as const;
