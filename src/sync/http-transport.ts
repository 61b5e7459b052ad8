/**
 * Push and pull over HTTP: JSON, request bodies gzip-compressed where the browser can
 * (CompressionStream — every 2G kilobyte counts), answers checked against the protocol
 * schemas before the engine trusts them.
 */
import type { z } from 'zod';
import {
  errorResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type PullRequest,
  type PushRequest,
} from '../domain/protocol.ts';
import { SyncError, type SyncErrorCode, type SyncTransport } from './sync-ports.ts';

export interface HttpTransportOptions {
  /** The server's origin, e.g. `https://sakhi.up.gov.in`; '' for the page's own origin. */
  readonly baseUrl: string;
  /** The device session's bearer token; null before sign-in. */
  readonly readToken: () => Promise<string | null>;
  readonly fetch?: typeof fetch;
}

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const send = async <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => {
    const token = await options.readToken();
    const { body: payload, encoding } = await encodeBody(JSON.stringify(body));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (encoding) headers['content-encoding'] = encoding;
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${options.baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: payload,
      });
    } catch (cause) {
      throw new SyncError('offline', 'the server could not be reached', { cause });
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new SyncError('bad_response', `unexpected answer from ${path}`, {
        cause: parsed.error,
      });
    return parsed.data;
  };
  return {
    push: (request: PushRequest) => send('/api/sync/push', request, pushResponseSchema),
    pull: (request: PullRequest) => send('/api/sync/pull', request, pullResponseSchema),
  };
}

async function encodeBody(text: string): Promise<{ body: BodyInit; encoding: string | null }> {
  if (typeof CompressionStream === 'undefined') return { body: text, encoding: null };
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return { body: await new Response(stream).arrayBuffer(), encoding: 'gzip' };
}

const codesByServerError: Readonly<Record<string, SyncErrorCode>> = {
  session_expired: 'session_expired',
  device_revoked: 'device_revoked',
  unsupported_protocol_version: 'unsupported_protocol_version',
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
