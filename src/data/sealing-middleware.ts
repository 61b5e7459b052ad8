/**
 * The one place rows are sealed and opened: a Dexie DBCore middleware under the unlocked
 * store's database, so every repository reads and writes plain rows and no write can skip
 * the seal.
 *
 * What must always hold:
 * - Every add or put to a sealed table (sealed-tables.ts) is sealed on its way down; every
 *   row read with its value is opened on its way up (a clear legacy row passes as it is).
 *   Both are synchronous, so they happen inside the caller's transaction.
 * - The case directory (case-directory.ts) changes only after the transaction that wrote
 *   the `cases` rows commits: an aborted save never shows in the list.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { CaseDirectory } from './case-directory.ts';
import type { CaseRow } from './database.ts';
import type { RowSealer } from './row-sealing.ts';
import { isSealedTable, openStoredRow, sealStoredRow, type SealedTable } from './sealed-tables.ts';

type Row = Record<string, unknown>;

export function sealingMiddleware(sealer: RowSealer, directory: CaseDirectory): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'SealedRows',
    // Below Dexie's own middlewares (hooks, cache, observability): they see plain rows.
    level: -10,
    create: (down: DBCore) => ({
      ...down,
      table: (name: string) => {
        const table = down.table(name);
        if (!isSealedTable(name)) return table;
        return sealedTable(table, name, sealer, name === 'cases' ? directory : null);
      },
    }),
  };
}

function sealedTable(
  table: DBCoreTable,
  name: SealedTable,
  sealer: RowSealer,
  directory: CaseDirectory | null,
): DBCoreTable {
  const open = (stored: unknown) =>
    stored === undefined || stored === null ? stored : openStoredRow(sealer, name, stored as Row);
  return {
    ...table,
    // `.then`, not async/await: Dexie keeps its transaction alive across its own promise
    // chains, and a native await between two requests can let the transaction commit.
    mutate: (req) => {
      if (req.type === 'add' || req.type === 'put') {
        const values = req.values.map((row: Row) => sealStoredRow(sealer, name, row));
        return table.mutate({ ...req, values }).then((result) => {
          if (directory) {
            const rows = req.values as CaseRow[];
            afterCommit(req.trans, () => directory.putRows(rows));
          }
          return result;
        });
      }
      return table.mutate(req).then((result) => {
        if (directory) {
          if (req.type === 'delete') {
            const ids = req.keys as string[];
            afterCommit(req.trans, () => directory.remove(ids));
          } else afterCommit(req.trans, () => directory.clear());
        }
        return result;
      });
    },
    get: (req) => table.get(req).then(open),
    getMany: (req) => table.getMany(req).then((rows) => rows.map(open)),
    query: (req) =>
      table
        .query(req)
        .then((response) =>
          req.values ? { ...response, result: response.result.map(open) } : response,
        ),
    openCursor: (req) =>
      table
        .openCursor(req)
        .then((cursor) => (cursor && req.values ? openingCursor(cursor, open) : cursor)),
  };
}

/** The cursor with its value opened, once per position. */
function openingCursor(cursor: DBCoreCursor, open: (stored: unknown) => unknown): DBCoreCursor {
  let lastStored: unknown;
  let lastOpened: unknown;
  // Native cursor getters refuse another `this`, so the wrapper reads through `cursor`.
  return Object.create(cursor, {
    key: { get: (): unknown => cursor.key },
    primaryKey: { get: (): unknown => cursor.primaryKey },
    value: {
      get: () => {
        const stored: unknown = cursor.value;
        if (stored !== lastStored) {
          lastStored = stored;
          lastOpened = open(stored);
        }
        return lastOpened;
      },
    },
  }) as DBCoreCursor;
}

/** Runs `work` when the IndexedDB transaction commits; never when it aborts. */
function afterCommit(trans: DBCoreTransaction, work: () => void): void {
  const native = trans as DBCoreTransaction & Partial<Pick<IDBTransaction, 'addEventListener'>>;
  if (typeof native.addEventListener === 'function') {
    native.addEventListener('complete', work);
  } else {
    work();
  }
}
