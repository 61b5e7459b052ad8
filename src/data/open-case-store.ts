/**
 * The CaseStore (case-store.ts) over the tablet's Dexie database: the factory that ties
 * the repositories to one staff member, device, clock and database.
 */
import type { HybridClock } from '../domain/hlc.ts';
import { indiaDateOf } from '../domain/india-time.ts';
import { getCaseFile, getTodayList } from './case-file.ts';
import { registerCase, removeCase, updateCase } from './case-repository.ts';
import { findPossibleDuplicates, searchCases } from './case-search.ts';
import type { CaseStore, StaffMember } from './case-store.ts';
import type { SakhiDatabase } from './database.ts';
import type { DeviceIdentity } from './device.ts';
import { addEntry, removeEntry, updateEntry } from './entry-repository.ts';
import { toStoreError } from './store-errors.ts';
import { readCorrectedNow } from './stored-clock.ts';
import type { StoreContext } from './write-transaction.ts';

export interface CaseStoreOptions {
  readonly db: SakhiDatabase;
  readonly staff: StaffMember;
  readonly device: DeviceIdentity;
  readonly clock: HybridClock;
  /** The corrected time; by default the device's time plus the clock's offset from the server. */
  readonly now?: () => Date;
}

export function openCaseStore(options: CaseStoreOptions): CaseStore {
  const { db, clock } = options;
  const now = options.now ?? (() => readCorrectedNow(clock));
  const ctx: StoreContext = { ...options, now };
  return {
    registerCase: (intake) => registerCase(ctx, intake),
    updateCase: (caseId, changes) => updateCase(ctx, caseId, changes),
    removeCase: (caseId) => removeCase(ctx, caseId),
    getCaseFile: (caseId) => getCaseFile(db, caseId),
    searchCases: (query, filter, limit) => searchCases(db, now(), query, filter, limit),
    findPossibleDuplicates: (probe) => findPossibleDuplicates(db, now(), probe),
    addEntry: (caseId, entryType, input) => addEntry(ctx, caseId, entryType, input),
    updateEntry: (entryType, entryId, changes) => updateEntry(ctx, entryType, entryId, changes),
    removeEntry: (entryType, entryId) => removeEntry(ctx, entryType, entryId),
    today: (date) => getTodayList(db, date),
    countPendingChanges: async () => {
      try {
        return await db.outbox.count();
      } catch (error) {
        throw toStoreError(error);
      }
    },
  };
}

/** Today's date in India by the store's corrected clock, for `today()` and list flags. */
export function indiaToday(now: () => Date = () => new Date()): string {
  return indiaDateOf(now());
}
