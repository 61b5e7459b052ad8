/**
 * The small device-wide values sync keeps in `meta` (the clock's snapshot is
 * stored-clock.ts's).
 *
 * What must always hold:
 * - `serverStampFloor` only rises. It is the greatest stamp headquarters holds, as far as
 *   this tablet knows (pulled, or acknowledged after a push); a clock rewound after a
 *   refused push never issues a stamp below it.
 */
import { maxStamp, type HybridClock, type Stamp } from '../domain/hlc.ts';
import type { RecordType } from '../domain/protocol.ts';
import type { SakhiDatabase } from './database.ts';
import { toStoreError } from './store-errors.ts';
import { inClockTransaction } from './stored-clock.ts';
import type { SyncClock } from './sync-store-ports.ts';

export type RecordTable = 'cases' | 'entries' | 'conflicts';

/** Where a synced record lives on the tablet: entries of every kind share one table. */
export function tableOf(recordType: RecordType): RecordTable {
  if (recordType === 'case') return 'cases';
  if (recordType === 'conflict') return 'conflicts';
  return 'entries';
}

export async function readServerStampFloor(db: SakhiDatabase): Promise<Stamp | null> {
  const stored = await db.meta.get('serverStampFloor');
  return stored?.key === 'serverStampFloor' ? stored.value : null;
}

/** Call inside a transaction that includes `meta`. */
export async function raiseServerStampFloor(db: SakhiDatabase, stamp: Stamp | null): Promise<void> {
  if (stamp === null) return;
  const floor = maxStamp(await readServerStampFloor(db), stamp);
  if (floor !== null) await db.meta.put({ key: 'serverStampFloor', value: floor });
}

/**
 * Whose change log the pulls follow: the signed-in centre's (headquarters accounts share
 * one scope). Read from the session, which only the unlocked database opens.
 */
export async function readCursorScope(db: SakhiDatabase): Promise<string> {
  const stored = await db.meta.get('session');
  const session = stored?.key === 'session' ? stored.value : null;
  return session?.centre?.id ?? 'headquarters';
}

/** The cursor of `centreId`'s change log; a cursor kept for another centre is none. */
export async function readSyncCursor(db: SakhiDatabase, centreId: string): Promise<string | null> {
  try {
    const stored = await db.meta.get('syncCursor');
    const value = stored?.key === 'syncCursor' ? stored.value : null;
    // A bare string was kept before cursors named their centre: pulling from the start
    // once is safe (merge is idempotent); following a cursor of another centre is not.
    if (value === null || typeof value === 'string') return null;
    return value.centreId === centreId ? value.cursor : null;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Every server answer carries its time: the clock keeps its offset from it, and the offset
 * is stored, so a tablet whose date is days wrong stamps close to real time from then on,
 * even after a restart.
 */
export function openServerTimeStore(db: SakhiDatabase, clock: HybridClock): SyncClock {
  return {
    adoptServerTime: async (serverTimeMs) => {
      if (!Number.isFinite(serverTimeMs)) return;
      try {
        await inClockTransaction(db, [], clock, () => clock.adoptServerTime(serverTimeMs));
      } catch (error) {
        throw toStoreError(error);
      }
    },
  };
}

/**
 * After a sync run that finished without error, in the page or the service worker.
 * `hasPulled`: the run pulled too (both halves), so this tablet holds what headquarters
 * held; a push-only run (the service worker's) never says so.
 */
export async function recordSyncSuccess(
  db: SakhiDatabase,
  at: Date,
  { hasPulled }: { readonly hasPulled: boolean },
): Promise<void> {
  try {
    await db.transaction('rw', db.meta, async () => {
      await db.meta.put({ key: 'lastSyncAt', value: at.toISOString() });
      if (hasPulled) await db.meta.put({ key: 'lastFullSyncAt', value: at.toISOString() });
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

export async function readLastSyncAt(db: SakhiDatabase): Promise<string | null> {
  try {
    const stored = await db.meta.get('lastSyncAt');
    return stored?.key === 'lastSyncAt' ? stored.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}

/** When a run that pushed and pulled last finished; null until the first one has. */
export async function readLastFullSyncAt(db: SakhiDatabase): Promise<string | null> {
  try {
    const stored = await db.meta.get('lastFullSyncAt');
    return stored?.key === 'lastFullSyncAt' ? stored.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}

/** What the status line shows about sync (docs/design.md, "On the tablet"). */
export interface SyncCounts {
  /** Saved here, not yet acknowledged by headquarters, and not refused. */
  readonly waiting: number;
  /** Refused by headquarters: kept, and waiting for a person (listRejected). */
  readonly rejected: number;
  /** Conflicts on this centre's cases that no manager has resolved yet. */
  readonly openConflicts: number;
}

export async function readSyncCounts(db: SakhiDatabase): Promise<SyncCounts> {
  try {
    return await db.transaction('r', db.outbox, db.conflicts, async () => {
      const [all, rejected, openConflicts] = await Promise.all([
        db.outbox.count(),
        db.outbox.orderBy('rejection.rejectedAt').count(),
        db.conflicts.where('isOpen').equals(1).count(),
      ]);
      return { waiting: all - rejected, rejected, openConflicts };
    });
  } catch (error) {
    throw toStoreError(error);
  }
}
