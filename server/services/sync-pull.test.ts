// @vitest-environment node
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncTestDatabase, type SyncTestDatabase } from '../../tests/support/sync-fixture.ts';
import { compilePageQuery, selectPageSizes } from './sync-pull.ts';

describe('a pull page on SQLite', () => {
  let database: SyncTestDatabase;
  beforeAll(async () => {
    database = await openSyncTestDatabase('sqlite');
  });
  afterAll(() => database.close());

  const planOf = async ({ sql, parameters }: { sql: string; parameters: readonly unknown[] }) => {
    const plan = await database.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
    );
    return plan.rows.map((row) => row.detail);
  };

  it('reads the sizes of the next records from the index alone, not from their rows', async () => {
    expect(await planOf(selectPageSizes(database.db, 'a-centre', 0, 1001).compile())).toEqual([
      expect.stringContaining('USING COVERING INDEX sync_records_centre_seq_size'),
    ]);
  });

  it('reads the page in one statement: sizes from the index, rows by number only', async () => {
    const plan = await planOf(compilePageQuery(database.db, 'a-centre', 0, 1000));
    expect(plan).toContainEqual(
      expect.stringContaining('USING COVERING INDEX sync_records_centre_seq_size'),
    );
    // Every other read of sync_records looks one number up (a page row, or max(seq)).
    const scans = plan.filter((step) => /SCAN|SEARCH/.test(step) && /sync_records|r\b/.test(step));
    for (const step of scans) {
      expect(step).toMatch(/COVERING INDEX sync_records_centre_seq_size|sync_records_seq_unique/);
    }
    // The page's rows, fields and all, are never copied into a temporary tree to be sorted.
    expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
  });
});
