/**
 * Stores each sync record's fields in compact form (server/db/sync-record-fields.ts):
 * `{ stamp, values, stamps? }` instead of `{ name: { value, stamp } }`.
 *
 * Frozen once merged, like every migration (see 0001): the conversion is written out
 * here, not imported, so a later change to the live code cannot change what this did.
 * Kysely runs SQLite migrations outside a transaction, so each row is rewritten by its
 * own statement and a row already in compact form (its `stamp` is a string; in the old
 * form every top-level value is an object) is left alone: an interrupted run can simply
 * run again. Nothing else changes, and the change-log numbers stay: tablets have these
 * records already and need not pull them again.
 */
import type { Kysely } from 'kysely';

interface Row {
  id: string;
  fields: string;
}

const ROWS_PER_READ = 1000;

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<{ sync_records: Row }>;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('sync_records')
      .select(['id', 'fields'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(ROWS_PER_READ)
      .execute();
    for (const row of rows) {
      const compact = compactText(row.fields);
      if (compact !== null) {
        await db
          .updateTable('sync_records')
          .set({ fields: compact })
          .where('id', '=', row.id)
          .execute();
      }
    }
    if (rows.length < ROWS_PER_READ) return;
    after = rows.at(-1)!.id;
  }
}

/** The compact text of an old-form row; null if the row is compact already. */
function compactText(text: string): string | null {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (typeof parsed.stamp === 'string') return null;
  const fields = parsed as Record<string, { value: unknown; stamp: string }>;
  const names = Object.keys(fields).sort();
  const counts = new Map<string, number>();
  for (const name of names) {
    const { stamp } = fields[name]!;
    counts.set(stamp, (counts.get(stamp) ?? 0) + 1);
  }
  // The stamp most fields carry; the greater on a tie.
  let common = '';
  let commonCount = 0;
  for (const [stamp, count] of counts) {
    if (count > commonCount || (count === commonCount && stamp > common)) {
      common = stamp;
      commonCount = count;
    }
  }
  const values: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  for (const name of names) {
    values[name] = fields[name]!.value;
    if (fields[name]!.stamp !== common) stamps[name] = fields[name]!.stamp;
  }
  return JSON.stringify(
    Object.keys(stamps).length > 0 ? { stamp: common, values, stamps } : { stamp: common, values },
  );
}
