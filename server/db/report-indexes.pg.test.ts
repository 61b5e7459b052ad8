// @vitest-environment node
// Migration 0010 on PostgreSQL: over a year of facts the size of the seeded one, every query
// a month's dashboard (the state's or a district's) runs over report_facts is planned through
// the covering indexes (report_facts_by_month, report_facts_by_closed_month), never a scan of
// the whole table. A whole state year is another matter: cases, services and referrals of
// the year are a third of the table each, and the planner rightly reads the table in order
// for them (a Seq Scan, ~95-101 ms for the whole dashboard in reports.bench.ts); that is
// not held here.
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../tests/support/postgres.ts';
import { countIndicators } from '../services/report-indicators.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

describe('indexes for the dashboard (PostgreSQL)', () => {
  const baseUrl = inject('databaseUrl');
  let url: string;
  let pool: pg.Pool;
  let db: Kysely<Database>;
  let queries: CompiledQuery[] = [];

  beforeAll(async () => {
    url = await createTestDatabase(baseUrl);
    pool = new pg.Pool({ connectionString: url });
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    await migrateToLatest(db);
    await fillSeededYearOfFacts(db);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    if (url) await dropTestDatabase(baseUrl, url);
  });

  const planOf = async (query: CompiledQuery): Promise<string> => {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
      `explain ${query.sql}`,
      query.parameters as unknown[],
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };

  it.each([
    ['the state', { kind: 'state' }],
    ['a district', { kind: 'district', districtCode: 'LKO' }],
  ] as const)(
    'counts a month of %s through the covering indexes, scanning no table',
    async (_, scope) => {
      queries = [];
      await countIndicators(db, scope, { from: '2020-03', to: '2020-03' }, new Date('2021-01-10'));
      const factQueries = queries.filter((query) => query.sql.includes('report_facts f'));
      expect(factQueries.length).toBeGreaterThanOrEqual(8);
      const plans = await Promise.all(factQueries.map(planOf));
      for (const [n, plan] of plans.entries()) {
        const { sql: text } = factQueries[n]!;
        expect(plan, text).toMatch(
          /(Scan using|Bitmap Index Scan on) report_facts_by_(closed_)?month/,
        );
        expect(plan, text).not.toMatch(/Seq Scan on report_facts/);
      }
    },
  );
});

/**
 * 16,629 cases over 2020 in 75 centres, each with a service, a referral, and every third
 * with a stay and a follow-up (done or not), every tenth closed: the seeded year's shape
 * and size, written straight into report_facts so the planner sees real statistics.
 */
async function fillSeededYearOfFacts(db: Kysely<Database>): Promise<void> {
  await sql`insert into centres (id, district_code, name_hi, name_en, created_at)
    select 'c' || n, case when n = 1 then 'LKO' else 'D' || n end, 'केंद्र ' || n, 'Centre ' || n,
      '2020-01-01T00:00:00.000Z'
    from generate_series(1, 75) as n`.execute(db);
  await sql`insert into report_facts (record_id, record_type, case_id, centre_id, deleted, month,
      code, status, age_group, violence_types, closed_month, closure_reason)
    select 'case' || n, 'case', 'case' || n, 'c' || (1 + n % 75), 0,
      '2020-' || lpad((1 + n % 12)::text, 2, '0'), 'walk_in',
      case when n % 10 = 0 then 'closed' else 'open' end, '18_29', ',domestic_violence,',
      case when n % 10 = 0 then '2020-' || lpad((1 + (n + 1) % 12)::text, 2, '0') end,
      case when n % 10 = 0 then 'resolved' end
    from generate_series(1, 16629) as n`.execute(db);
  for (const [recordType, every] of [
    ['service', 1],
    ['referral', 1],
    ['stay', 3],
    ['followUp', 3],
  ] as const) {
    await sql`insert into report_facts (record_id, record_type, case_id, centre_id, deleted,
        month, code, status, admitted_on, length_days, due_on)
      select ${recordType} || n, ${recordType}, 'case' || n, 'c' || (1 + n % 75), 0,
        case when ${recordType} <> 'followUp' or n % 2 = 0
          then '2020-' || lpad((1 + n % 12)::text, 2, '0') end,
        'medical', 'sent', '2020-06-01', case when n % 4 = 0 then null else 3 end, '2020-07-01'
      from generate_series(1, 16629) as n where n % ${every} = 0`.execute(db);
  }
  await sql`vacuum analyze report_facts`.execute(db);
}
