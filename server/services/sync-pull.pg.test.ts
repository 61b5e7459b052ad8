// @vitest-environment node
/**
 * The pull's one statement (sync-pull.ts) as PostgreSQL plans it. The planner must see
 * the page for what it is, at most `limit + 1` rows: when it once guessed the one-row
 * change log at 880 rows, every page looked hundreds of times bigger, its cost passed
 * `jit_above_cost`, and under load each pull a few hundred records behind spent ~8 ms
 * compiling itself with LLVM before reading 1 ms of rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSyncTestDatabase, type SyncTestDatabase } from '../../tests/support/sync-fixture.ts';
import { compilePageQuery } from './sync-pull.ts';

const recordCount = 20_000;
const limit = 1000;

interface PlanNode {
  readonly 'Plan Rows': number;
  readonly 'Total Cost': number;
}

describe('a pull page on PostgreSQL', () => {
  let database: SyncTestDatabase;
  beforeAll(async () => {
    database = await openSyncTestDatabase('postgres', inject('databaseUrl'));
    const { db } = database;
    await sql`
      insert into centres (id, district_code, name_hi, name_en, created_at)
      values ('a-centre', 'LKO', 'लखनऊ', 'Lucknow', '2026-03-08T09:30:00.000Z')
    `.execute(db);
    await sql`
      insert into sync_records (id, record_type, case_id, centre_id, fields, seq, created_at,
        updated_at)
      select 'r' || n, 'case', 'r' || n, 'a-centre', repeat('x', 600), n,
        '2026-03-08T09:30:00.000Z', '2026-03-08T09:30:00.000Z'
      from generate_series(1, ${recordCount}::int) as n
    `.execute(db);
    await sql`analyze sync_records`.execute(db);
  });
  afterAll(() => database?.close());

  it('is planned at the size of a page, below the cost that starts JIT compilation', async () => {
    const { db } = database;
    const page = compilePageQuery(db, 'a-centre', 0, limit);
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>({
      ...page,
      sql: `explain (format json) ${page.sql}`,
    });
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    expect(plan['Plan Rows']).toBeLessThanOrEqual(limit + 1);
    const jitAboveCost = await sql<{ cost: string }>`
      select current_setting('jit_above_cost') as cost
    `.execute(db);
    expect(plan['Total Cost']).toBeLessThan(Number(jitAboveCost.rows[0]!.cost));
  });

  it('reads the page the plan promised', async () => {
    const { db } = database;
    const { rows } = await db.executeQuery(compilePageQuery(db, 'a-centre', 0, limit));
    expect(rows).toHaveLength(limit);
    expect(rows.filter((row) => row.id !== null)).toHaveLength(limit);
    // One more than the page was looked at, so the tablet hears there is more.
    expect(Number(rows[0]!.next_count)).toBe(limit + 1);
    expect(rows[0]!.log_id).toEqual(expect.any(String));
    expect(Number(rows[0]!.last_seq)).toBe(recordCount);
  });
});
