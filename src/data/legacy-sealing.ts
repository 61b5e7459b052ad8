/**
 * Sealing the rows written before sealing at rest (database version 3): the version
 * upgrade runs before anyone unlocks and has no key, so the first unlock does it.
 *
 * What must always hold:
 * - Each batch is one transaction that reads clear rows and writes them back sealed; an
 *   interrupted run leaves every row either clear or sealed, never half, and the next
 *   unlock carries on (sealed rows are skipped). Until then reads accept clear rows.
 * - `raw` is a database opened without the sealing middleware (`rows: rawRows`), so the
 *   rows are seen as stored; nothing else may use one.
 */
import type { DBCore, Middleware, Table } from 'dexie';
import type { SakhiDatabase } from './database.ts';
import type { RowSealer } from './row-sealing.ts';
import { isClearRow, sealStoredRow, type SealedTable } from './sealed-tables.ts';

/**
 * For legacy-sealing.ts, the directory build and the locked outbox (locked-outbox.ts)
 * only: rows exactly as stored.
 */
export const rawRows: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'RawRows',
  create: (down) => down,
};

const batchSize = 200;
const tables: readonly SealedTable[] = [
  'cases',
  'entries',
  'conflicts',
  'drafts',
  'outbox',
  'meta',
];

/**
 * Returns how many rows it sealed. After one complete pass it records so in `meta` and
 * never scans again: from then on every write is sealed (the keyless database refuses
 * clear ones), so no clear row can appear.
 */
export async function sealLegacyRows(raw: SakhiDatabase, sealer: RowSealer): Promise<number> {
  if ((await raw.meta.get('legacyRowsSealed'))?.value === true) return 0;
  let sealedCount = 0;
  for (const name of tables) {
    const table: Table<Record<string, unknown>, unknown> = raw.table(name);
    let after: unknown = undefined;
    for (;;) {
      const batch = await raw.transaction('rw', table, async () => {
        const rows =
          after === undefined
            ? await table.orderBy(':id').limit(batchSize).toArray()
            : await table.where(':id').above(after).limit(batchSize).toArray();
        const clear = rows.filter((row) => isClearRow(name, row));
        if (clear.length > 0)
          await table.bulkPut(clear.map((row) => sealStoredRow(sealer, name, row)));
        sealedCount += clear.length;
        return rows;
      });
      if (batch.length < batchSize) break;
      after = primaryKeyOf(name, batch[batch.length - 1]!);
    }
  }
  await raw.meta.put({ key: 'legacyRowsSealed', value: true });
  return sealedCount;
}

function primaryKeyOf(name: SealedTable, row: Record<string, unknown>): unknown {
  if (name === 'outbox') return row.seq;
  if (name === 'meta') return row.key;
  return row.id;
}
