/**
 * POST /sync/push and POST /sync/pull (docs/sync-protocol.md), as one Fastify plugin.
 *
 * The host app decides who is asking: `resolveActor` turns a request into the session's
 * actor (null answers 401), so this plugin works behind any session check. Bodies are
 * checked with the protocol's zod schemas (src/domain/protocol.ts), the one wire contract.
 *
 * What must always hold:
 * - Every answer, errors included, carries `serverTime`: the tablet corrects its clock
 *   with it even when a push is refused.
 * - A gzip request body is unpacked before it is parsed, by the host (app.ts: its JSON
 *   parser, http/body-encoding.ts; a bare test app: @fastify/compress), and the body limit
 *   caps the UNPACKED size, so a small "zip bomb" is refused with 413 before it fills memory.
 *   Nothing is written for a refused body: the service runs only on a whole, valid one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from '../../src/domain/zod.ts';
import { pullRequestSchema } from '../../src/domain/protocol.ts';
import { decodeCheckedPushRequest } from '../../src/domain/checked-push.ts';
import { wirePushRequestSchema, type WirePullResponse } from '../../src/domain/wire.ts';
import { encodeRecords } from '../../src/domain/wire-groups.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { sendCompressedJson } from '../http/compressed-json.ts';
import { handleErrorWithServerTime } from '../http/error-handler.ts';
import { ServiceError, refuseInvalidRequest } from '../services/service-error.ts';
import { assertSupportedProtocol } from '../services/sync-errors.ts';
import { pullChanges } from '../services/sync-pull.ts';
import { pushMutations } from '../services/sync-push.ts';
import { syncCentreOf, type SyncActor } from '../services/sync-scope.ts';

/**
 * A batch is at most `maxPushBytes` (1,000,000) of JSON as the tablet measures it
 * (http-transport.ts fitPushBody: the whole body's UTF-8 bytes); 1 MiB leaves ~48 kB spare.
 * A single mutation the tablet could not split is bounded far below by the record schemas.
 */
export const PUSH_BODY_LIMIT_BYTES = 1024 * 1024;
const PULL_BODY_LIMIT_BYTES = 16 * 1024;

/** Named as server/services/audit.ts's actions: a push writes case data, a pull reads it. */
export interface SyncAuditEntry {
  action: 'case.write' | 'case.read';
  /** The centre whose records were written or read. */
  centreId: string | null;
  /** Counts only: never survivor data. */
  details: Record<string, number>;
}

export interface SyncRoutesOptions {
  db: Kysely<SyncDatabase>;
  /**
   * Who is asking, from the session only (never the body). Return null to answer 401
   * `not_signed_in`; throw a ServiceError (session_expired, device_revoked…) to answer with it.
   */
  resolveActor: (request: FastifyRequest) => SyncActor | null | Promise<SyncActor | null>;
  /** The clock; tests move it. Default: the system clock. */
  now?: () => Date;
  /**
   * Writes the audit row of each successful push or pull. A push passes its transaction
   * as `db`, so a push is never committed without its row.
   */
  audit?: (
    request: FastifyRequest,
    entry: SyncAuditEntry,
    db?: Kysely<SyncDatabase>,
  ) => Promise<void>;
}

export function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): Promise<void> {
  if (!app.hasReplyDecorator('compress')) {
    // The host that registers it also unpacks request bodies (app.ts, or the plugin's own
    // decompression in a bare app); without either a gzip body would reach the JSON parser
    // still packed.
    return Promise.reject(
      new Error('register @fastify/compress on the app before syncRoutes (see app.ts)'),
    );
  }
  const now = options.now ?? (() => new Date());
  const actorOf = async (request: FastifyRequest): Promise<SyncActor> => {
    const actor = await options.resolveActor(request);
    if (!actor) throw new ServiceError('not_signed_in');
    return actor;
  };
  app.setErrorHandler(handleErrorWithServerTime(now));

  app.post('/sync/push', { bodyLimit: PUSH_BODY_LIMIT_BYTES }, async (request) => {
    const actor = await actorOf(request);
    const body = decodeCheckedPushRequest(parseSyncBody(wirePushRequestSchema, request.body));
    return pushMutations(options.db, actor, body, now(), (trx, answer) =>
      options.audit
        ? options.audit(
            request,
            {
              action: 'case.write',
              centreId: syncCentreOf(actor),
              details: {
                applied: answer.applied,
                duplicate: answer.duplicates.length,
                rejected: answer.rejected.length,
              },
            },
            trx,
          )
        : Promise.resolve(),
    );
  });

  app.post('/sync/pull', { bodyLimit: PULL_BODY_LIMIT_BYTES }, async (request, reply) => {
    const actor = await actorOf(request);
    const body = parseSyncBody(pullRequestSchema, request.body);
    const { records, ...page } = await pullChanges(options.db, actor, body, now());
    await options.audit?.(request, {
      action: 'case.read',
      centreId: syncCentreOf(actor),
      details: { records: records.length },
    });
    const answer: WirePullResponse = { ...page, groups: encodeRecords(records) };
    // A page is up to ~1 MB of JSON: compressed off the event loop (compressed-json.ts).
    return sendCompressedJson(request, reply, answer);
  });
  return Promise.resolve();
}

/**
 * The protocol version is checked before the shape: a newer tablet's body may not match
 * this version's schema, and "update the server" (426) is the answer it needs.
 */
export function parseSyncBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  if (typeof body === 'object' && body !== null && 'protocolVersion' in body) {
    const { protocolVersion } = body;
    if (typeof protocolVersion === 'number') assertSupportedProtocol(protocolVersion);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw refuseInvalidRequest(
    issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'body',
  );
}
