/**
 * Push and pull over HTTP: records as columns (src/domain/wire.ts), JSON, request bodies
 * gzip-compressed where the browser can (CompressionStream — every 2G kilobyte counts),
 * answers checked against the wire schemas and decoded before the engine trusts them.
 *
 * A push sends as many of the given mutations, in order, as fit in `maxPushBytes` of
 * JSON (always at least one) and answers only those; the engine sends the rest next.
 */
import type { z } from '../domain/zod.ts';
import {
  errorResponseSchema,
  maxPushBytes,
  pushResponseSchema,
  type Mutation,
  type PullRequest,
  type PushRequest,
} from '../domain/protocol.ts';
import { WireFormatError } from '../domain/wire-group-schemas.ts';
import {
  checkPushResponse,
  decodePullResponse,
  encodePushRequest,
  wirePullResponseSchema,
} from '../domain/wire.ts';
import type { KeptConnections } from './kept-connections.ts';
import { defaultRequestDeadlines, type RequestDeadlines } from './request-deadline.ts';
import { SyncError, type SentPush, type SyncErrorCode, type SyncTransport } from './sync-ports.ts';
import { answerHeadBytes, postWithinDeadlines } from './timed-fetch.ts';

export interface HttpTransportOptions {
  /** The server's origin, e.g. `https://sakhi.up.gov.in`; '' for the page's own origin. */
  readonly baseUrl: string;
  /** The device session's bearer token; null before sign-in. */
  readonly readToken: () => Promise<string | null>;
  readonly fetch?: typeof fetch;
  /** How long each request may take; `defaultRequestDeadlines` unless a test shortens them. */
  readonly deadlines?: RequestDeadlines;
  /** This context's kept connections (kept-connections.ts); tests give their own. */
  readonly keptConnections?: KeptConnections;
}

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const send = async <T>(
    path: string,
    json: Utf8Json,
    schema: z.ZodMiniType<T>,
    signal: AbortSignal | undefined,
    onAnswerHead?: (head: Uint8Array) => void,
  ): Promise<T> => {
    const token = await options.readToken();
    return postSyncJson({
      url: `${options.baseUrl}${path}`,
      json,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      schema,
      fetch: options.fetch,
      deadlines: options.deadlines,
      keptConnections: options.keptConnections,
      signal,
      ...(onAnswerHead ? { onAnswerHead } : {}),
    });
  };
  return {
    push: async (request: PushRequest, signal?: AbortSignal): Promise<SentPush> => {
      const { json, sent } = fitPushBody(request);
      const response = await send('/api/sync/push', json, pushResponseSchema, signal);
      const sentIds = sent.map((mutation) => mutation.id);
      decodeAnswer(() => checkPushResponse(response, sentIds));
      return { sentCount: sent.length, response };
    },
    pull: async (
      request: PullRequest,
      signal?: AbortSignal,
      onNextCursor?: (cursor: string) => void,
    ) => {
      const json = new TextEncoder().encode(JSON.stringify(request));
      const onHead = onNextCursor
        ? (head: Uint8Array) => {
            const cursor = nextCursorOf(head);
            if (cursor !== null) onNextCursor(cursor);
          }
        : undefined;
      const page = await send('/api/sync/pull', json, wirePullResponseSchema, signal, onHead);
      return decodeAnswer(() => decodePullResponse(page));
    },
  };
}

/**
 * The server writes a page's time, cursor and `hasMore` before its groups (sync-protocol.md,
 * "Pull"), so the next page's cursor is in the answer's first bytes, long before a page of
 * ~1 MB has arrived and been parsed. Read strictly: anything else, or a last page, is no
 * hint. Unchecked, it only lets the engine ask early; what is stored is the checked page's.
 */
const answerHeadPattern = /^\{"serverTime":"[^"\\]*","cursor":"([^"\\]{1,200})","hasMore":true,/;

export function nextCursorOf(head: Uint8Array): string | null {
  const text = new TextDecoder().decode(head.subarray(0, answerHeadBytes));
  return answerHeadPattern.exec(text)?.[1] ?? null;
}

export interface SyncPost<T> {
  readonly url: string;
  /** The body as JSON text in UTF-8: gzip-compressed here, from 512 bytes, where the platform can. */
  readonly json: Utf8Json;
  /** Besides content type and encoding: the session token, or a device signature. */
  readonly headers: Readonly<Record<string, string>>;
  readonly schema: z.ZodMiniType<T>;
  readonly fetch?: typeof fetch;
  readonly deadlines?: RequestDeadlines;
  readonly keptConnections?: KeptConnections;
  /** Sees the headers of an answer that fits `schema`. */
  readonly onAnswerHeaders?: (headers: Headers) => void;
  /** Cancels the request: it then rejects with an AbortError (sync-ports.ts, `throwIfStopped`). */
  readonly signal?: AbortSignal;
  /** Sees the first bytes of a successful answer before the rest (timed-fetch.ts). */
  readonly onAnswerHead?: (head: Uint8Array) => void;
}

/**
 * One sync request, as every sync route is called (session or signed): an unreachable
 * server, or one that does not answer within the request's deadlines, is `offline`, an error answer its SyncError by code, an answer that does not fit
 * `schema` is `bad_response`.
 */
export async function postSyncJson<T>(post: SyncPost<T>): Promise<T> {
  const { body, encoding } = await encodeBody(post.json);
  const headers: Record<string, string> = { ...post.headers, 'content-type': 'application/json' };
  if (encoding) headers['content-encoding'] = encoding;
  const { response, json } = await postWithinDeadlines({
    url: post.url,
    headers,
    body,
    deadlines: post.deadlines ?? defaultRequestDeadlines,
    fetch: post.fetch,
    keptConnections: post.keptConnections,
    signal: post.signal,
    ...(post.onAnswerHead ? { onAnswerHead: post.onAnswerHead } : {}),
  });
  if (!response.ok) throw errorFromResponse(response.status, json);
  const parsed = post.schema.safeParse(json);
  if (!parsed.success) {
    throw new SyncError('bad_response', `unexpected answer from ${post.url}`, {
      cause: parsed.error,
    });
  }
  post.onAnswerHeaders?.(response.headers);
  return parsed.data;
}

/** JSON text as UTF-8 bytes (TextEncoder's output: never a shared buffer). */
export type Utf8Json = Uint8Array<ArrayBuffer>;

/**
 * The request's JSON for the longest run of mutations, from the first, within
 * `maxPushBytes`. Measured on the encoded body itself: a typical batch is one encoding.
 */
export function fitPushBody(request: PushRequest): { json: Utf8Json; sent: Mutation[] } {
  return fitBody(request.mutations, (sent) => encodePushRequest({ ...request, mutations: sent }));
}

/** As fitPushBody, for any request whose body lists `items` in order (the sealed push too). */
export function fitBody<T>(
  items: readonly T[],
  encode: (sent: T[]) => unknown,
): { json: Utf8Json; sent: T[] } {
  let count = items.length;
  for (;;) {
    const sent = items.slice(0, count);
    // UTF-8 once: measured here, then compressed and sent as it is.
    const json = new TextEncoder().encode(JSON.stringify(encode(sent)));
    // A single mutation always goes. The record schemas keep one far below the server's
    // 1 MiB body cap (server/routes/sync.ts); past it the server would answer 413.
    if (json.length <= maxPushBytes || count === 1) return { json, sent };
    count = Math.max(
      1,
      Math.min(count - 1, Math.floor((count * maxPushBytes * 0.95) / json.length)),
    );
  }
}

export function decodeAnswer<T>(decode: () => T): T {
  try {
    return decode();
  } catch (cause) {
    if (!(cause instanceof WireFormatError)) throw cause;
    throw new SyncError('bad_response', cause.message, { cause });
  }
}

/** Smaller bodies go as they are (encodeBody). */
const minCompressedBodyBytes = 512;

async function encodeBody(json: Utf8Json): Promise<{ body: ArrayBuffer; encoding: string | null }> {
  // A pull's request (~140 bytes) packs by ~20 bytes, not worth packing on the tablet and
  // unpacking on the server. An unpacked body goes as an ArrayBuffer of its own, like a
  // packed one, so whatever holds a request to send again (a retry, a test's replay) has
  // one kind of body, with or without CompressionStream.
  if (typeof CompressionStream === 'undefined' || json.byteLength < minCompressedBodyBytes)
    return { body: json.slice().buffer, encoding: null };
  // The body goes to the compressor as the one chunk it is. A Blob's stream copied it and
  // fed it in slices: about twice the CPU for a 500-case push in Node (the benches' tablet).
  const gzip = new CompressionStream('gzip');
  const writer = gzip.writable.getWriter();
  const written = writer.write(json).then(() => writer.close());
  const [body] = await Promise.all([new Response(gzip.readable).arrayBuffer(), written]);
  return { body, encoding: 'gzip' };
}

const codesByServerError: Readonly<Record<string, SyncErrorCode>> = {
  session_expired: 'session_expired',
  device_revoked: 'device_revoked',
  unsupported_protocol_version: 'unsupported_protocol_version',
  invalid_cursor: 'invalid_cursor',
  bad_device_signature: 'bad_device_signature',
};

function errorFromResponse(status: number, json: unknown): SyncError {
  const parsed = errorResponseSchema.safeParse(json);
  const serverCode = parsed.success ? parsed.data.error.code : null;
  const serverTime = parsed.success ? parsed.data.error.serverTime : undefined;
  const known = serverCode === null ? undefined : codesByServerError[serverCode];
  const code: SyncErrorCode = known ?? (status === 401 ? 'session_expired' : 'server_error');
  const message = parsed.success ? parsed.data.error.message.en : `server answered ${status}`;
  return new SyncError(
    code,
    message,
    serverTime ? { serverTimeMs: Date.parse(serverTime) } : undefined,
  );
}
