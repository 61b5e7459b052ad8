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
 * - A gzip request body is decompressed by @fastify/compress (registered by the host,
 *   as app.ts does) before Fastify's body limit counts it, so the limit caps the
 *   UNPACKED size and a small "zip bomb" is refused with 413 before it fills memory.
 *   Nothing is written for a refused body: the service runs only on a whole, valid one.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { pullRequestSchema, type BilingualMessage } from '../../src/domain/protocol.ts';
import {
  decodePushRequest,
  wirePushRequestSchema,
  type WirePullResponse,
} from '../../src/domain/wire.ts';
import { WireFormatError } from '../../src/domain/wire-group-schemas.ts';
import { encodeRecords } from '../../src/domain/wire-groups.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { API_ERRORS, ApiError, type ApiErrorCode } from '../http/api-errors.ts';
import { SyncRequestError, assertSupportedProtocol } from '../services/sync-errors.ts';
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
   * `not_signed_in`; throw an ApiError (session_expired, device_revoked…) to answer with it.
   */
  resolveActor: (request: FastifyRequest) => SyncActor | null | Promise<SyncActor | null>;
  /** The clock; tests move it. Default: the system clock. */
  now?: () => Date;
  /** Called after each successful push or pull, e.g. to write the audit log. */
  audit?: (request: FastifyRequest, entry: SyncAuditEntry) => Promise<void>;
}

export function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): Promise<void> {
  if (!app.hasReplyDecorator('compress')) {
    // Without it a gzip body would reach the JSON parser still compressed, and the body
    // limit would count compressed bytes.
    return Promise.reject(
      new Error('register @fastify/compress on the app before syncRoutes (see app.ts)'),
    );
  }
  const now = options.now ?? (() => new Date());
  const actorOf = async (request: FastifyRequest): Promise<SyncActor> => {
    const actor = await options.resolveActor(request);
    if (!actor) throw new ApiError('not_signed_in');
    return actor;
  };
  app.setErrorHandler((error: FastifyError | Error, request, reply) =>
    sendSyncError(error, request, reply, now()),
  );

  app.post('/sync/push', { bodyLimit: PUSH_BODY_LIMIT_BYTES }, async (request) => {
    const actor = await actorOf(request);
    const body = decodePushRequest(parseBody(wirePushRequestSchema, request.body));
    const response = await pushMutations(options.db, actor, body, now());
    if (options.audit) {
      await options.audit(request, {
        action: 'case.write',
        centreId: syncCentreOf(actor),
        details: {
          applied: response.applied,
          duplicate: response.duplicates.length,
          rejected: response.rejected.length,
        },
      });
    }
    return response;
  });

  app.post('/sync/pull', { bodyLimit: PULL_BODY_LIMIT_BYTES }, async (request) => {
    const actor = await actorOf(request);
    const body = parseBody(pullRequestSchema, request.body);
    const { records, ...page } = await pullChanges(options.db, actor, body, now());
    await options.audit?.(request, {
      action: 'case.read',
      centreId: syncCentreOf(actor),
      details: { records: records.length },
    });
    const answer: WirePullResponse = { ...page, groups: encodeRecords(records) };
    return answer;
  });
  return Promise.resolve();
}

/**
 * The protocol version is checked before the shape: a newer tablet's body may not match
 * this version's schema, and "update the server" (426) is the answer it needs.
 */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body === 'object' && body !== null && 'protocolVersion' in body) {
    const { protocolVersion } = body;
    if (typeof protocolVersion === 'number') assertSupportedProtocol(protocolVersion);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'body';
  const { hi, en } = API_ERRORS.invalid_request.message;
  // The English half names the field for whoever debugs the app; staff can do nothing with a path.
  throw new ApiError('invalid_request', { hi, en: `${en} (${where})` });
}

interface SyncErrorAnswer {
  status: number;
  code: string;
  message: BilingualMessage;
  headers: Record<string, string>;
}

// Fastify's and @fastify/compress's client errors (body too large, bad JSON, bad gzip,
// unknown Content-Encoding) carry only a status; answer them by it, as the app does.
const CODES_BY_STATUS: Record<number, ApiErrorCode> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function classify(error: FastifyError | Error): SyncErrorAnswer {
  if (error instanceof SyncRequestError) {
    return { status: error.statusCode, code: error.code, message: error.localized, headers: {} };
  }
  if (error instanceof WireFormatError) {
    // A body that fits the schema but not the wire's own rules (column lengths…).
    const { hi, en } = API_ERRORS.invalid_request.message;
    const message = { hi, en: `${en} (${error.message})` };
    return {
      status: API_ERRORS.invalid_request.status,
      code: 'invalid_request',
      message,
      headers: {},
    };
  }
  if (error instanceof ApiError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.localized,
      headers: error.headers,
    };
  }
  const status = (error as Partial<FastifyError>).statusCode ?? 500;
  const code: ApiErrorCode =
    status >= 500 ? 'internal_error' : (CODES_BY_STATUS[status] ?? 'invalid_request');
  return { status: API_ERRORS[code].status, code, message: API_ERRORS[code].message, headers: {} };
}

function sendSyncError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
  serverTime: Date,
): FastifyReply {
  const { status, code, message, headers } = classify(error);
  if (status >= 500) request.log.error({ err: error }, 'sync request failed');
  else request.log.info({ code, reason: error.message }, 'sync request refused');
  return reply
    .code(status)
    .headers(headers)
    .send({ error: { code, message, serverTime: serverTime.toISOString() } });
}
