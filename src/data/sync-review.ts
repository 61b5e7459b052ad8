/**
 * What the sync status screen may ask of the tablet's store: changes headquarters refused
 * (kept, explained, retryable) and, for a manager, conflicts to resolve. Loaded with that
 * screen, so none of it weighs on the first screen.
 */
import { storeContextOf, type StoreOptions } from './write-transaction.ts';
import {
  listOpenConflictGroups,
  listOpenConflicts,
  resolveConflict,
  resolveConflictGroup,
  type ConflictGroup,
  type ConflictResolution,
  type OpenConflict,
} from './conflict-repository.ts';
import { openSyncOutbox, type RejectedChange } from './sync-outbox.ts';

export type { ConflictGroup, ConflictResolution, OpenConflict, RejectedChange };

export interface SyncReviewStore {
  /** Refused changes, oldest refusal first. */
  listRejected(): Promise<RejectedChange[]>;
  /** Puts a refused change back in the push queue; false if it is no longer refused. */
  retryRejected(mutationId: string): Promise<boolean>;
  /** Open conflicts on this centre's cases, newest first. */
  listOpenConflicts(): Promise<OpenConflict[]>;
  /** Open conflicts grouped by the write they came from (one card each), newest first. */
  listOpenConflictGroups(): Promise<ConflictGroup[]>;
  /** A manager's answer, saved like any change (conflict-repository.ts). */
  resolveConflict(conflictId: string, resolution: ConflictResolution): Promise<void>;
  /** One answer to every conflict of one write: all resolved in one transaction, or none. */
  resolveConflictGroup(
    conflictIds: readonly string[],
    resolution: ConflictResolution,
  ): Promise<void>;
}

export function openSyncReviewStore(options: StoreOptions): SyncReviewStore {
  const ctx = storeContextOf(options);
  const { db, clock, now } = ctx;
  const outbox = openSyncOutbox({ db, clock, now });
  return {
    listRejected: () => outbox.listRejected(),
    retryRejected: (mutationId) => outbox.retryRejected(mutationId),
    listOpenConflicts: () => listOpenConflicts(db),
    listOpenConflictGroups: () =>
      listOpenConflictGroups(db, { userId: options.staff.userId, deviceId: options.device.id }),
    resolveConflict: (conflictId, resolution) => resolveConflict(ctx, conflictId, resolution),
    resolveConflictGroup: (conflictIds, resolution) =>
      resolveConflictGroup(ctx, conflictIds, resolution),
  };
}
