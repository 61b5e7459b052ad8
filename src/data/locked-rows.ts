/**
 * The keyless database's guard: while the app is locked, the rows that hold sealed parts
 * (sealed-tables.ts) can be counted and erased, never read or written. So code that
 * still holds the keyless database (the service worker, a screen left open) fails with
 * `locked` rather than reading a sealed row as if it were plain, or writing one in clear.
 *
 * The clear meta rows (device, clock, server facts, sync cursor) stay readable and
 * writable: they are what opening the app before unlock needs. A sealed meta row reads as
 * stored (a reader sees `sealed`, not its value) and is never written in clear.
 */
import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { hasSealedPart, isSealedTable } from './sealed-tables.ts';
import { lockedStore } from './store-errors.ts';

export const lockedRowsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'LockedRows',
  level: -10,
  create: (down: DBCore) => ({
    ...down,
    table: (name: string) => {
      const table = down.table(name);
      if (!isSealedTable(name)) return table;
      return name === 'meta' ? lockedMeta(table) : lockedTable(table);
    },
  }),
};

/** A version upgrade runs before anyone can unlock, over rows written before sealing. */
function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as Partial<IDBTransaction>).mode === 'versionchange';
}

function lockedTable(table: DBCoreTable): DBCoreTable {
  // A refusal is a rejected promise, as IndexedDB's own failures are.
  const guard = <T>(isRefused: boolean, trans: DBCoreTransaction, work: () => Promise<T>) => {
    if (isRefused && !isUpgrade(trans)) return Promise.reject(lockedStore());
    return work();
  };
  return {
    ...table,
    mutate: (req) =>
      guard(req.type === 'add' || req.type === 'put', req.trans, () => table.mutate(req)),
    get: (req) => guard(true, req.trans, () => table.get(req)),
    getMany: (req) => guard(true, req.trans, () => table.getMany(req)),
    query: (req) => guard(Boolean(req.values), req.trans, () => table.query(req)),
    openCursor: (req) => guard(Boolean(req.values), req.trans, () => table.openCursor(req)),
  };
}

function lockedMeta(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) =>
      (req.type === 'add' || req.type === 'put') &&
      req.values.some((row: Record<string, unknown>) => hasSealedPart('meta', row))
        ? Promise.reject(lockedStore())
        : table.mutate(req),
  };
}
