// @vitest-environment node
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncTestDatabase, type SyncTestDatabase } from '../../tests/support/sync-fixture.ts';
import { selectPageSizes } from './sync-pull.ts';

describe('a pull page on SQLite', () => {
  let database: SyncTestDatabase;
  beforeAll(async () => {
    database = await openSyncTestDatabase('sqlite');
  });
  afterAll(() => database.close());

  it('reads the sizes of the next records from the index alone, not from their rows', async () => {
    const { sql, parameters } = selectPageSizes(database.db, 'a-centre', 0, 1001).compile();
    const plan = await database.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
    );
    expect(plan.rows.map((row) => row.detail)).toEqual([
      expect.stringContaining('USING COVERING INDEX sync_records_centre_seq_size'),
    ]);
  });
});
