import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RowStatement } from './row-statement.ts';

interface StayTable {
  id: string;
  room: string | null;
  nights: number;
}

function openStays() {
  const db = new Kysely<{ stay: StayTable }>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
  });
  return db;
}

describe('RowStatement', () => {
  it('puts each value in its own column, across statements of any size', async () => {
    const db = openStays();
    await db.schema
      .createTable('stay')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('room', 'text')
      .addColumn('nights', 'integer', (col) => col.notNull())
      .execute();
    const built: number[] = [];
    const stays = new RowStatement<StayTable, { stay: StayTable }>(
      ['id', 'room', 'nights'],
      (handle, rows) => {
        built.push(rows.length);
        return handle.insertInto('stay').values(rows);
      },
    );
    // Keys in another order than the columns: the columns decide where each value goes.
    const rows = Array.from({ length: 7 }, (_, i) => ({
      nights: i,
      room: i % 2 === 0 ? `कमरा ${i}` : null,
      id: `stay-${i}`,
    }));
    await stays.run(db, rows.slice(0, 5), 2);
    await stays.run(db, rows.slice(5), 2);

    const stored = await db.selectFrom('stay').selectAll().orderBy('id').execute();
    expect(stored).toEqual(rows.map(({ id, room, nights }) => ({ id, room, nights })));
    // Two rows, then one: each size is built once, however often it runs.
    expect(built).toEqual([2, 1]);
    await db.destroy();
  });

  it('refuses a statement that does not take every value as a parameter', async () => {
    const db = openStays();
    const literal = new RowStatement<StayTable, { stay: StayTable }>(
      ['id', 'room', 'nights'],
      (handle) => handle.selectFrom('stay').select('id'),
    );
    await expect(literal.run(db, [{ id: 'a', room: null, nights: 1 }], 10)).rejects.toThrow(
      'every value as a parameter',
    );
    await db.destroy();
  });
});
