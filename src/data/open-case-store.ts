/**
 * The CaseStore (case-store.ts) over the tablet's Dexie database: the factory that ties
 * the repositories to one staff member, device, clock and database.
 */
import { indiaDateOf } from '../domain/india-time.ts';
import { getCaseFile, getTodayList } from './case-file.ts';
import { registerCase, removeCase, updateCase } from './case-repository.ts';
import { findPossibleDuplicates, searchCases } from './case-search.ts';
import type { CaseStore } from './case-store.ts';
import { addEntry, removeEntry, updateEntry } from './entry-repository.ts';
import { watchReads } from './live-reads.ts';
import { toStoreError } from './store-errors.ts';
import { readLastFullSyncAt } from './sync-state.ts';
import { storeContextOf, type StoreOptions } from './write-transaction.ts';

export function openCaseStore(options: StoreOptions): CaseStore {
  const ctx = storeContextOf(options);
  const { db, directory, now } = ctx;
  return {
    registerCase: (intake) => registerCase(ctx, intake),
    updateCase: (caseId, changes) => updateCase(ctx, caseId, changes),
    removeCase: (caseId) => removeCase(ctx, caseId),
    getCaseFile: (caseId) => getCaseFile(db, caseId),
    searchCases: (query, filter, limit) =>
      Promise.resolve(searchCases(directory, now(), query, filter, limit)),
    findPossibleDuplicates: (probe) =>
      Promise.resolve(findPossibleDuplicates(directory, now(), probe)),
    addEntry: (caseId, entryType, input) => addEntry(ctx, caseId, entryType, input),
    updateEntry: (entryType, entryId, changes) => updateEntry(ctx, entryType, entryId, changes),
    removeEntry: (entryType, entryId) => removeEntry(ctx, entryType, entryId),
    today: (date) => getTodayList(db, directory, date),
    countPendingChanges: async () => {
      try {
        return await db.outbox.count();
      } catch (error) {
        throw toStoreError(error);
      }
    },
    listCasesNotYetSent: async () => {
      try {
        return new Set(await db.outbox.orderBy('caseId').uniqueKeys()) as ReadonlySet<string>;
      } catch (error) {
        throw toStoreError(error);
      }
    },
    hasFinishedFullSync: async () => (await readLastFullSyncAt(db)) !== null,
    hasChangesNotYetSent: async (caseId) => {
      try {
        return (await db.outbox.where('caseId').equals(caseId).count()) > 0;
      } catch (error) {
        throw toStoreError(error);
      }
    },
    watch: (read, observer) => watchReads(read, observer, directory),
  };
}

/** Today's date in India by the store's corrected clock, for `today()` and list flags. */
export function indiaToday(now: () => Date = () => new Date()): string {
  return indiaDateOf(now());
}
