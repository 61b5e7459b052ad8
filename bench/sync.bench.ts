/**
 * Server sync through the real routes on 127.0.0.1: pushing 10,000 new cases,
 * pushing 1,000 edits, and a fresh tablet pulling all 10,000 — wall time and bytes on the
 * wire (gzip both ways, as the tablet sends and accepts). SQLite by default; set
 * DATABASE_URL to a PostgreSQL database to bench that engine (its sync tables are
 * created there). The tablet side is the real engine and HTTP transport with an
 * in-memory outbox (sakhi-tablet.ts); bytes are counted at the server's sockets. The
 * PouchDB comparison is sync-vs-pouchdb.bench.ts.
 * `SAKHI_BENCH_CASES` changes the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import {
  SYNC_MIGRATIONS,
  mutationOf,
  newCaseMutation,
  seedSyncFixture,
  stampAt,
} from '../tests/support/sync-fixture.ts';
import { buildSyncTestApp } from '../tests/support/sync-server.ts';
import { benchTablet, type BenchTablet } from './sakhi-tablet.ts';
import { bytesSince, meterServer } from './wire-meter.ts';

const caseCount = Number(process.env.SAKHI_BENCH_CASES ?? 10_000);
const editCount = Math.min(1_000, caseCount);

const root = mkdtempSync(join(tmpdir(), 'sakhi-sync-bench-'));
const url = process.env.DATABASE_URL;
const database = url
  ? openDatabase({ dialect: 'postgres', url })
  : openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
const db = database.db.withTables<SyncTables>();
await migrateToLatest(db, SYNC_MIGRATIONS);
const fixture = await seedSyncFixture(db);
const app = await buildSyncTestApp(db);
const readBytes = meterServer(app.server);
const base = await app.listen({ host: '127.0.0.1', port: 0 });

interface Row {
  scenario: string;
  requests: number;
  ms: number;
  upBytes: number;
  downBytes: number;
}
const rows: Row[] = [];

try {
  const { caseworker, counsellor } = fixture.actors;
  const cases = Array.from({ length: caseCount }, (_, i) =>
    newCaseMutation(caseworker, stampAt(i, caseworker.deviceId), {
      survivorPhone: `98${String(10_000_000 + i).slice(-8)}`,
      incidentNarrative: `घटना का विवरण ${i}: पति द्वारा मारपीट, पड़ोसियों ने 181 पर फ़ोन किया।`,
    }),
  );
  const writer = benchTablet(base, caseworker);
  rows.push(await measure('push new cases', writer, () => writer.pushAll(cases)));

  const edits = Array.from({ length: editCount }, (_, i) => {
    const target = cases[(i * 7919) % cases.length]!;
    return mutationOf(
      { recordType: 'case', recordId: target.recordId, caseId: target.recordId },
      { riskLevel: 'high', safetyPlan: `सुरक्षा योजना ${i}` },
      stampAt(caseCount + i, caseworker.deviceId),
      { riskLevel: target.fields.riskLevel!.stamp, safetyPlan: target.fields.safetyPlan!.stamp },
    );
  });
  rows.push(await measure('push edits', writer, () => writer.pushAll(edits)));
  const reader = benchTablet(base, counsellor);
  rows.push(
    await measure('fresh pull', reader, async () => {
      const { pulledRecords } = await reader.pullAll();
      if (pulledRecords !== caseCount) throw new Error(`pulled ${pulledRecords} records`);
    }),
  );
  console.log(`engine: ${url ? 'postgres' : 'sqlite'}, ${caseCount} cases, ${editCount} edits`);
  console.table(
    rows.map((row) => ({
      scenario: row.scenario,
      requests: row.requests,
      'ms total': Math.round(row.ms),
      'kB up': Math.round(row.upBytes / 1024),
      'kB down': Math.round(row.downBytes / 1024),
    })),
  );
} finally {
  await app.close();
  await database.close();
  rmSync(root, { recursive: true, force: true });
}

async function measure(
  scenario: string,
  tablet: BenchTablet,
  work: () => Promise<unknown>,
): Promise<Row> {
  const before = readBytes();
  const requestsBefore = tablet.requests();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const bytes = bytesSince(readBytes, before);
  return {
    scenario,
    requests: tablet.requests() - requestsBefore,
    ms,
    upBytes: bytes.up,
    downBytes: bytes.down,
  };
}
