/**
 * Storing what a pull brings (SyncInbox, sync-store-ports.ts): each page merged into the
 * tablet's rows and saved with its cursor.
 *
 * What must always hold:
 * - A page and its cursor are written in ONE transaction: after a failure neither the
 *   records nor the cursor have moved, and the next pull asks for the same page again
 *   (merging it twice changes nothing: merge is idempotent).
 * - A pulled record is merged field by field (merge.ts), never written over the row, so a
 *   local write not yet acknowledged keeps its value unless the pulled stamp is greater —
 *   exactly what headquarters will decide too. Its outbox row is untouched and still goes up.
 * - Derived columns are recomputed with the functions local saves use (row-columns.ts),
 *   for every case whose fields or entries the page touched.
 * - The clock takes in every pulled stamp, so later local writes order after them, and
 *   the greatest of them raises the server stamp floor (sync-state.ts).
 * - Nothing here writes the outbox from what headquarters sends: that is already there.
 * - The cursor is saved with the centre whose log it follows (sync-state.ts): after the
 *   tablet changes centre, the new centre's pulls start from the beginning.
 * - Except after a restore: while a recheck is under way (restore-recheck.ts), a page
 *   queues this tablet's own writes it shows headquarters lost, in the page's transaction.
 */
import type { HybridClock, Stamp } from '../domain/hlc.ts';
import { mergeFields, type FieldMap } from '../domain/merge.ts';
import type { PulledRecord } from '../domain/protocol.ts';
import type { EntryKind } from '../domain/entries.ts';
import type { CaseRow, EntryRow, SakhiDatabase } from './database.ts';
import { buildConflictRow, buildEntryRow, deriveCaseRow } from './row-columns.ts';
import { beginRecheck, finishRecheck, settlePage, type RecheckContext } from './restore-recheck.ts';
import { inClockTransaction, readCorrectedNow } from './stored-clock.ts';
import {
  raiseServerStampFloor,
  readCursorScope,
  readSyncCursor,
  tableOf,
  type RecordTable,
} from './sync-state.ts';
import { toStoreError } from './store-errors.ts';
import type { SyncInbox } from './sync-store-ports.ts';

export function openSyncInbox(options: {
  readonly db: SakhiDatabase;
  readonly clock: HybridClock;
}): SyncInbox {
  const { db, clock } = options;
  return {
    readCursor: async () => readSyncCursor(db, await readCursorScope(db)),
    storePage: async (records, cursor) => {
      try {
        await inClockTransaction(db, recordTables(db), clock, async () => {
          await raiseServerStampFloor(db, observeStamps(clock, records));
          await storeRecords(db, records);
          const centreId = await readCursorScope(db);
          await settlePage(await recheckContext(db, clock), records);
          await db.meta.put({ key: 'syncCursor', value: { centreId, cursor } });
        });
      } catch (error) {
        throw toStoreError(error);
      }
    },
    beginRecheck: async () => {
      try {
        await db.transaction('rw', [...recordTables(db), db.meta], async () => {
          await beginRecheck(db, clock.deviceId, await readCursorScope(db));
        });
      } catch (error) {
        throw toStoreError(error);
      }
    },
    finishRecheck: async () => {
      try {
        return await db.transaction('rw', [...recordTables(db), db.meta], async () =>
          finishRecheck(await recheckContext(db, clock)),
        );
      } catch (error) {
        throw toStoreError(error);
      }
    },
  };
}

function recordTables(db: SakhiDatabase) {
  return [db.cases, db.entries, db.conflicts, db.outbox];
}

async function recheckContext(db: SakhiDatabase, clock: HybridClock): Promise<RecheckContext> {
  const stored = await db.meta.get('session');
  const session = stored?.key === 'session' ? stored.value : null;
  return {
    db,
    centreId: await readCursorScope(db),
    savedBy: session?.user.id ?? null,
    now: readCorrectedNow(clock),
  };
}

/** Every pulled stamp into the clock; returns the greatest. */
function observeStamps(clock: HybridClock, records: readonly PulledRecord[]): Stamp | null {
  let greatest: Stamp | null = null;
  for (const record of records) {
    for (const field of Object.values(record.fields)) {
      clock.observe(field.stamp);
      if (greatest === null || field.stamp > greatest) greatest = field.stamp;
    }
  }
  return greatest;
}

interface PulledGroup {
  readonly recordType: PulledRecord['recordType'];
  readonly caseId: string;
  fields: FieldMap;
}

/** Merges the page's records into their tables. Call inside storePage's transaction. */
async function storeRecords(db: SakhiDatabase, records: readonly PulledRecord[]) {
  // One entry per record id: a page could carry a record twice; merge makes that harmless.
  const byTable: Record<RecordTable, Map<string, PulledGroup>> = {
    cases: new Map(),
    entries: new Map(),
    conflicts: new Map(),
  };
  for (const { recordType, id, caseId, fields } of records) {
    const group = byTable[tableOf(recordType)];
    const seen = group.get(id);
    if (seen) seen.fields = mergeFields(seen.fields, fields);
    else group.set(id, { recordType, caseId, fields });
  }

  const conflictIds = [...byTable.conflicts.keys()];
  const storedConflicts = await db.conflicts.bulkGet(conflictIds);
  await db.conflicts.bulkPut(
    conflictIds.map((id, i) =>
      buildConflictRow(merged(storedConflicts[i]?.fields, byTable.conflicts.get(id)!.fields)),
    ),
  );

  const entryIds = [...byTable.entries.keys()];
  const storedEntries = await db.entries.bulkGet(entryIds);
  await db.entries.bulkPut(
    entryIds.map((id, i) => {
      const pulled = byTable.entries.get(id)!;
      const entryType = pulled.recordType as EntryKind;
      return buildEntryRow(entryType, merged(storedEntries[i]?.fields, pulled.fields));
    }),
  );

  // Every case the page touched, through its own fields or one of its entries.
  const caseIds = [
    ...new Set([...byTable.cases.keys(), ...[...byTable.entries.values()].map((e) => e.caseId)]),
  ];
  const storedCases = await db.cases.bulkGet(caseIds);
  const entriesByCase = groupByCase(await db.entries.where('caseId').anyOf(caseIds).toArray());
  const caseRows: CaseRow[] = [];
  caseIds.forEach((id, i) => {
    const fields = merged(storedCases[i]?.fields, byTable.cases.get(id)?.fields);
    // An entry can arrive before its case (the case changed later, so it comes later in
    // the log); its row waits, and the case's columns are derived when the case arrives.
    if (Object.keys(fields).length === 0) return;
    caseRows.push(deriveCaseRow(fields, entriesByCase.get(id) ?? []));
  });
  await db.cases.bulkPut(caseRows);
}

function merged(stored: FieldMap | undefined, pulled: FieldMap | undefined): FieldMap {
  return mergeFields(stored ?? {}, pulled ?? {});
}

function groupByCase(rows: readonly EntryRow[]): Map<string, EntryRow[]> {
  const groups = new Map<string, EntryRow[]>();
  for (const row of rows) {
    const group = groups.get(row.caseId);
    if (group) group.push(row);
    else groups.set(row.caseId, [row]);
  }
  return groups;
}
