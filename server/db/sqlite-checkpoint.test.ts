// @vitest-environment node
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, pushGroupsOf } from './database.ts';
import type { Database } from './schema.ts';
import { IDLE_CHECKPOINT_MS, createIdleCheckpoint } from './sqlite-checkpoint.ts';

describe('checkpoints while pushes pause', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once pushes have paused for the idle time, and not after it is stopped', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const checkpoint = createIdleCheckpoint(() => Promise.resolve(runs++), 100);
    checkpoint.noteCommit();
    await vi.advanceTimersByTimeAsync(60);
    checkpoint.noteCommit(); // another push: the pause starts again
    await vi.advanceTimersByTimeAsync(60);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(60);
    expect(runs).toBe(1);
    checkpoint.noteCommit();
    checkpoint.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
  });

  it('keeps a failed checkpoint from reaching the caller, and runs the next one', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const checkpoint = createIdleCheckpoint(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('database is locked')) : Promise.resolve();
    }, 10);
    checkpoint.noteCommit();
    await vi.advanceTimersByTimeAsync(20);
    checkpoint.noteCommit();
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toBe(2);
  });
});

describe('SQLite checkpoints out of the pushes', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('commits a large push without copying it into the database file, then copies it once pushes pause', async () => {
    root = mkdtempSync(join(tmpdir(), 'sakhi-checkpoint-'));
    const file = join(root, 'sakhi.sqlite');
    const database = openDatabase({ dialect: 'sqlite', file });
    try {
      await sql`create table notes (id integer primary key, body text)`.execute(database.db);
      const sizeBefore = statSync(file).size;
      // ~6 MB: past SQLite's default of 1,000 pages, whose checkpoint would run in the commit.
      const body = 'पंजीकरण '.repeat(100);
      await pushGroupsOf(database.db)!.run(3_000, async (trx: Kysely<Database>) => {
        for (let start = 0; start < 3_000; start += 100) {
          const rows = Array.from({ length: 100 }, (_, i) => sql`(${start + i}, ${body})`);
          await sql`insert into notes (id, body) values ${sql.join(rows)}`.execute(trx);
        }
      });
      expect(statSync(file).size).toBe(sizeBefore);
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(3_000 * body.length), {
        timeout: 5_000,
        interval: IDLE_CHECKPOINT_MS,
      });
    } finally {
      await database.close();
    }
  }, 15_000);
});
