// @vitest-environment node
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { SERVER_CHECKPOINT_PAGES } from './wal-checkpointer.ts';

describe('the SQLite log is checkpointed on a thread of its own', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sakhi-checkpoint-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('copies committed pages into the database file without the server connection checkpointing', async () => {
    const file = join(root, 'sakhi.sqlite');
    const database = openDatabase({ dialect: 'sqlite', file });
    try {
      await sql`create table survivor_notes (id integer primary key, body text)`.execute(
        database.db,
      );
      // ~2,000 pages of 4 kB: past SQLite's default of 1,000, far below the server's backstop.
      const pages = 2_000;
      expect(pages).toBeLessThan(SERVER_CHECKPOINT_PAGES);
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < pages; i++) {
          await sql`insert into survivor_notes (body) values (${'न'.repeat(1_300)})`.execute(trx);
        }
      });
      const before = statSync(file).size;
      await expect
        .poll(() => statSync(file).size, { timeout: 10_000 })
        .toBeGreaterThan(before + pages * 3_000);
      const { rows } = await sql<{ n: number }>`select count(*) as n from survivor_notes`.execute(
        database.db,
      );
      expect(rows[0]!.n).toBe(pages);
    } finally {
      await database.close();
    }
  });

  it('stops with the database, so its file can be removed and opened again', async () => {
    const file = join(root, 'sakhi.sqlite');
    const first = openDatabase({ dialect: 'sqlite', file });
    await sql`create table survivor_notes (id integer primary key)`.execute(first.db);
    await first.close();
    await first.close();
    const second = openDatabase({ dialect: 'sqlite', file });
    const { rows } = await sql<{ name: string }>`select name from sqlite_master`.execute(second.db);
    expect(rows.map((row) => row.name)).toContain('survivor_notes');
    await second.close();
  });
});
