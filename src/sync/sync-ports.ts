/**
 * How the sync engine reaches headquarters, as a small interface, so the same engine runs
 * in the page, the service worker and plain Node tests; and why a run stops early.
 * http-transport.ts implements the transport over fetch. The engine's ports on the
 * tablet's store are src/data/sync-store-ports.ts.
 */
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../domain/protocol.ts';

/** A push as the transport sent it: the answer is about the first `sentCount` mutations. */
export interface SentPush {
  /** How many of the request's mutations went, from the first; at least one. */
  readonly sentCount: number;
  /** Checked to add up to exactly those (`checkPushResponse`) before it is returned. */
  readonly response: PushResponse;
}

export interface SyncTransport {
  /**
   * Sends the first of the request's mutations, in order — as many as fit in one request,
   * at least one — and answers exactly those. `signal` cancels the request (see
   * `throwIfStopped`).
   */
  push(request: PushRequest, signal?: AbortSignal): Promise<SentPush>;
  /**
   * `onNextCursor` may hear the next page's cursor as soon as the answer begins, before
   * it is checked: only a hint to ask for that page early, never a cursor to store.
   */
  pull(
    request: PullRequest,
    signal?: AbortSignal,
    onNextCursor?: (cursor: string) => void,
  ): Promise<PullResponse>;
}

/**
 * A run's signal is aborted when the page stops its sync (sign-out, lock, a wipe): from
 * then on the run sends nothing and writes nothing, and ends with this AbortError, which
 * nobody shows (the stopped scheduler no longer publishes).
 */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw syncStopped();
}

export function syncStopped(): DOMException {
  return new DOMException('sync was stopped', 'AbortError');
}

export type SyncErrorCode =
  | 'offline'
  | 'session_expired'
  | 'device_revoked'
  | 'unsupported_protocol_version'
  /** The server did not recognise the pull cursor (e.g. it was restored from a backup). */
  | 'invalid_cursor'
  /**
   * A sealed push's device signature did not verify, or the server does not know this
   * device's key: the tablet must sign in online (which registers its key) first.
   */
  | 'bad_device_signature'
  /**
   * The tablet's storage is full: what the run had to write (a pulled page, the outbox's
   * bookkeeping) was refused, nothing of it stored and the cursor not moved.
   */
  | 'storage_full'
  | 'server_error'
  | 'bad_response';

/** Why a sync run stopped early. Nothing is lost: mutations leave the outbox only when answered. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    options?: { cause?: unknown; serverTimeMs?: number },
  ) {
    super(message, options);
    this.name = 'SyncError';
    this.serverTimeMs = options?.serverTimeMs ?? null;
  }
  readonly serverTimeMs: number | null;

  /** Worth trying again later by itself; the others need a person (sign in again, update). */
  get isTransient(): boolean {
    // invalid_cursor reaches here only if a pull from the start was refused too: a server
    // in the middle of a restore. The next run starts from the beginning again.
    return (
      this.code === 'offline' ||
      this.code === 'server_error' ||
      this.code === 'bad_response' ||
      this.code === 'invalid_cursor' ||
      // Space freed on the tablet cures it; meanwhile the banner asks her to free some.
      this.code === 'storage_full'
    );
  }
}
