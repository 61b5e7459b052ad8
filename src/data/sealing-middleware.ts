/**
 * The one place rows are sealed and opened: a Dexie DBCore middleware under the unlocked
 * store's database, so every repository reads and writes plain rows and no write can skip
 * the seal.
 *
 * What must always hold:
 * - Every add or put to a sealed table (sealed-tables.ts) is sealed on its way down; every
 *   row read with its value is opened on its way up (a clear legacy row passes as it is).
 *   Both are synchronous, so they happen inside the caller's transaction.
 * - A write to `cases` rewrites the cases' sealed listings (case-listings.ts) in the same
 *   transaction.
 * - The case directory (case-directory.ts) changes only after the transaction that wrote
 *   the `cases` rows commits: an aborted save never shows in the list. Other tabs hear
 *   of it then too (case-broadcast.ts), so their directories read the rows again.
 */
import type {
  DBCore,
  DBCoreCursor,
  DBCoreRangeType,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import {
  applyToBucket,
  groupByBucket,
  listingOf,
  openListingRow,
  sealListingRow,
  type CaseListing,
  type ListingRow,
} from './case-listings.ts';
import type { CaseBroadcast } from './case-broadcast.ts';
import type { CaseDirectory } from './case-directory.ts';
import type { CaseRow } from './database.ts';
import type { RowSealer } from './row-sealing.ts';
import { isSealedTable, openStoredRow, sealStoredRow, type SealedTable } from './sealed-tables.ts';

type Row = Record<string, unknown>;

export function sealingMiddleware(
  sealer: RowSealer,
  directory: CaseDirectory,
  broadcast: CaseBroadcast | null = null,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'SealedRows',
    // Below Dexie's own middlewares (hooks, cache, observability): they see plain rows.
    level: -10,
    create: (down: DBCore) => ({
      ...down,
      // A write to `cases` also rewrites its listing bucket (case-listings.ts): in the
      // same transaction, whatever tables the caller named.
      transaction: (stores, mode, options) =>
        down.transaction(
          mode === 'readwrite' && stores.includes('cases') && !stores.includes('caseListings')
            ? [...stores, 'caseListings']
            : stores,
          mode,
          options,
        ),
      // (While a version upgrade builds this stack, `caseListings` may not exist yet:
      // the writer looks it up when it first writes.)
      table: (name: string) => {
        const table = down.table(name);
        if (!isSealedTable(name)) return table;
        if (name !== 'cases') return sealedTable(table, name, sealer, null);
        return sealedTable(table, name, sealer, {
          directory,
          broadcast,
          listings: listingsWriter(() => down.table('caseListings'), sealer),
        });
      },
    }),
  };
}

interface CaseListings {
  readonly directory: CaseDirectory;
  readonly broadcast: CaseBroadcast | null;
  readonly listings: ListingsWriter;
}

function sealedTable(
  table: DBCoreTable,
  name: SealedTable,
  sealer: RowSealer,
  cases: CaseListings | null,
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
        const mutated = table.mutate({ ...req, values });
        if (!cases) return mutated;
        const rows = req.values as CaseRow[];
        return mutated.then((result) =>
          cases.listings
            .write(
              req.trans,
              rows.map((row) => ({ id: row.id, listing: listingOf(row) })),
            )
            .then(() => {
              afterCommit(req.trans, () => {
                cases.directory.putRows(rows);
                cases.broadcast?.announce(rows.map((row) => row.id));
              });
              return result;
            }),
        );
      }
      const mutated = table.mutate(req);
      if (!cases) return mutated;
      if (req.type === 'delete') {
        const ids = req.keys as string[];
        return mutated.then((result) =>
          cases.listings
            .write(
              req.trans,
              ids.map((id) => ({ id, listing: null })),
            )
            .then(() => {
              afterCommit(req.trans, () => {
                cases.directory.remove(ids);
                cases.broadcast?.announce(ids);
              });
              return result;
            }),
        );
      }
      return mutated.then((result) =>
        cases.listings.clear(req.trans).then(() => {
          afterCommit(req.trans, () => {
            cases.directory.clear();
            cases.broadcast?.announce('all');
          });
          return result;
        }),
      );
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

interface ListingsWriter {
  write(
    trans: DBCoreTransaction,
    changes: readonly { id: string; listing: CaseListing | null }[],
  ): Promise<unknown>;
  clear(trans: DBCoreTransaction): Promise<unknown>;
}

function listingsWriter(tableOf: () => DBCoreTable, sealer: RowSealer): ListingsWriter {
  return {
    write: (trans, changes) => {
      const table = tableOf();
      const groups = groupByBucket(changes);
      const buckets = [...groups.keys()];
      return table.getMany({ trans, keys: buckets }).then((stored: (ListingRow | undefined)[]) =>
        table.mutate({
          type: 'put',
          trans,
          values: buckets.map((bucket, i) =>
            sealListingRow(
              sealer,
              bucket,
              applyToBucket(openListingRow(sealer, stored[i]), groups.get(bucket)!),
            ),
          ),
        }),
      );
    },
    clear: (trans) =>
      tableOf().mutate({
        type: 'deleteRange',
        trans,
        range: { type: 3 satisfies DBCoreRangeType.Any, lower: undefined, upper: undefined },
      }),
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
