/**
 * The state-year dashboard: GET /api/reports/indicators's counting for a whole year of
 * the state, on a year seeded as `npm run seed` seeds it (16,629 cases by default). SQLite
 * and PostgreSQL: a throwaway cluster started for the run, as the pg tests start theirs
 * (or, with DATABASE_URL, a throwaway database on that server, dropped after). Aim: under
 * 1 s on each engine.
 * `SAKHI_BENCH_CASES` changes the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { seedYear } from '../server/seed/seed-year.ts';
import { countIndicators } from '../server/services/report-indicators.ts';
import { findServerBinaries, startCluster } from '../tests/setup/postgres-global.ts';
import { createTestDatabase, dropTestDatabase } from '../tests/support/postgres.ts';

const caseCount = Number(process.env.SAKHI_BENCH_CASES ?? 16_629);
const ROUNDS = 5;

async function benchEngine(engine: string, database: OpenDatabase): Promise<void> {
  await migrateToLatest(database.db);
  const seededMs = Date.now();
  await seedYear(database.db.withTables<SyncTables>(), { year: 2020, cases: caseCount, seed: 1 });
  const seedSeconds = ((Date.now() - seededMs) / 1000).toFixed(1);
  const times: number[] = [];
  let total = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const report = await countIndicators(
      database.db,
      { kind: 'state' },
      { from: '2020-01', to: '2020-12' },
      new Date(),
    );
    times.push(performance.now() - started);
    total = report.casesRegistered;
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${engine}: seeded ${caseCount} cases in ${seedSeconds} s; state total ${total}; ` +
      `state-year dashboard first ${times[0]!.toFixed(0)} ms, median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(0)} ms`,
  );
}

const root = mkdtempSync(join(tmpdir(), 'sakhi-bench-reports-'));
const sqlite = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
try {
  await benchEngine('sqlite', sqlite);
} finally {
  await sqlite.close();
  rmSync(root, { recursive: true, force: true });
}

const cluster = process.env.DATABASE_URL ? null : await startCluster(findServerBinaries());
try {
  const baseUrl = process.env.DATABASE_URL ?? cluster!.url;
  const url = await createTestDatabase(baseUrl);
  const postgres = openDatabase({ dialect: 'postgres', url });
  try {
    await benchEngine('postgres', postgres);
  } finally {
    await postgres.close();
    await dropTestDatabase(baseUrl, url);
  }
} finally {
  cluster?.stop();
}
