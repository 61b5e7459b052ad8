/**
 * What the sync engine (src/sync/sync-run.ts) needs from the tablet's store, as small
 * interfaces: the outbox, the inbox and the clock's offset. The stores here implement them
 * over Dexie (sync-outbox.ts, sync-inbox.ts, sync-state.ts); the engine's tests use fakes,
 * so the engine runs the same in the page, the service worker and plain Node.
 *
 * They live in src/data, not beside the engine, because data sits below sync and may not
 * import it, while sync may import data; and not in src/domain, because they are the
 * tablet's alone — the server shares the domain and has no outbox.
 */
import type { BilingualMessage, Mutation, PulledRecord } from '../domain/protocol.ts';

export interface RejectedMutation {
  readonly mutationId: string;
  readonly code: string;
  readonly reason: BilingualMessage;
}

export interface SyncOutbox {
  /**
   * Oldest first, in save order (mutations go up in the order they were saved); never
   * mutations already marked rejected (a person must look at those).
   */
  readPending(limit: number): Promise<Mutation[]>;
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
  /**
   * Merges the page into the store and saves the cursor in ONE transaction; during a
   * recheck, queues again in that transaction this tablet's writes the page shows lost.
   */
  storePage(records: readonly PulledRecord[], cursor: string | null): Promise<void>;
  /**
   * The server refused the cursor (its change log changed: restored from a backup): note
   * this tablet's own writes, so the pull from the start can re-offer those it lost.
   */
  beginRecheck(): Promise<void>;
  /**
   * After the last page of a pull: re-offers own writes the pulls never brought and ends
   * the recheck; does nothing when none is under way. Returns how many mutations it queued.
   */
  finishRecheck(): Promise<number>;
}

export interface SyncClock {
  /** Every server answer carries its time; the tablet keeps its offset from it. */
  adoptServerTime(serverTimeMs: number): Promise<void>;
}
