/**
 * What the sync engine needs from the rest of the tablet, as small interfaces, so the same
 * engine runs in the page and in the service worker, and in plain Node tests.
 *
 * src/data implements the stores (outbox and inbox over Dexie); src/sync/http-transport.ts
 * implements the transport over fetch.
 */
import type {
  BilingualMessage,
  Mutation,
  PulledRecord,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../domain/protocol.ts';

export interface PendingMutation {
  /** Outbox order: mutations go up in the order they were saved. */
  readonly seq: number;
  readonly mutation: Mutation;
}

export interface RejectedMutation {
  readonly mutationId: string;
  readonly code: string;
  readonly reason: BilingualMessage;
}

export interface SyncOutbox {
  /** Oldest first; never mutations already marked rejected (a person must look at those). */
  readPending(limit: number): Promise<PendingMutation[]>;
  /** Removes acknowledged mutations; only ever called with ids the server answered. */
  acknowledge(mutationIds: readonly string[]): Promise<void>;
  /** Keeps them, explained, out of the push queue until a person retries them. */
  markRejected(rejections: readonly RejectedMutation[]): Promise<void>;
  /**
   * After the server refused stamps as too far ahead: the clock has been corrected, so
   * give every pending mutation (and the stored fields it wrote) fresh stamps. Safe
   * because no one has accepted the old ones.
   */
  restampPending(): Promise<void>;
}

export interface SyncInbox {
  readCursor(): Promise<string | null>;
  /** Merges the page into the store and saves the cursor in ONE transaction. */
  storePage(records: readonly PulledRecord[], cursor: string | null): Promise<void>;
}

export interface SyncClock {
  /** Every server answer carries its time; the tablet keeps its offset from it. */
  adoptServerTime(serverTimeMs: number): Promise<void>;
}

export interface SyncTransport {
  /**
   * Sends the first of the request's mutations, in order — as many as fit in one request,
   * at least one — and answers exactly those.
   */
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

export type SyncErrorCode =
  | 'offline'
  | 'session_expired'
  | 'device_revoked'
  | 'unsupported_protocol_version'
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
    return this.code === 'offline' || this.code === 'server_error' || this.code === 'bad_response';
  }
}
