// @vitest-environment node
// Migration 0010 on SQLite: every query the dashboard runs over report_facts reads a
// covering index and no table row, and a user's last sign-in is read through its index.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLastSignIns } from '../services/accounts.ts';
import { countIndicators } from '../services/report-indicators.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

describe('indexes for the dashboard and the staff list (SQLite)', () => {
  let sqlite: SqliteDatabase.Database;
  let db: Kysely<Database>;
  let queries: CompiledQuery[];

  beforeEach(async () => {
    sqlite = new SqliteDatabase(':memory:');
    queries = [];
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    await migrateToLatest(db);
    queries = [];
  });
  afterEach(() => db.destroy());

  const planOf = (query: CompiledQuery): string =>
    sqlite
      .prepare(`explain query plan ${query.sql}`)
      .all(...(query.parameters as unknown[]))
      .map((row) => (row as { detail: string }).detail)
      .join('\n');

  it.each([
    ['the state', { kind: 'state' }],
    ['a district', { kind: 'district', districtCode: 'LKO' }],
  ] as const)('counts %s from covering indexes only', async (_, scope) => {
    await countIndicators(db, scope, { from: '2020-01', to: '2020-12' }, new Date());
    const factQueries = queries.filter((query) => query.sql.includes('report_facts f'));
    expect(factQueries.length).toBeGreaterThanOrEqual(8);
    for (const query of factQueries) {
      const plan = planOf(query);
      expect(plan, query.sql).toMatch(/SEARCH f USING COVERING INDEX report_facts_by_/);
      expect(plan, query.sql).not.toMatch(/SCAN f\b/);
    }
  });

  it("reads each user's last sign-in through the sign-in index", async () => {
    await readLastSignIns(db, ['a', 'b']);
    expect(queries).toHaveLength(1);
    expect(planOf(queries[0]!)).toMatch(/USING (COVERING )?INDEX audit_log_sign_ins/);
  });
});
