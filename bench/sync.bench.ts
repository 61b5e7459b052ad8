/**
 * Server sync through the real routes on 127.0.0.1 (issue 5): pushing 10,000 new cases,
 * pushing 1,000 edits, and a fresh tablet pulling all 10,000 — wall time and bytes on the
 * wire (gzip both ways, as the tablet sends and accepts). SQLite by default; set
 * DATABASE_URL to a PostgreSQL database to bench that engine (its sync tables are
 * created there). Batches are cut as the tablet cuts them (fitBatch: ≤ 500 mutations,
 * ≤ 1 MB). The actor comes from the routes' test seam header, so session checks are not
 * in the timings. The PouchDB comparison comes with the tablet engine.
 * `SAKHI_BENCH_CASES` changes the size.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import {
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Mutation,
} from '../src/domain/protocol.ts';
import { fitBatch } from '../src/sync/sync-run.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import {
  SYNC_MIGRATIONS,
  mutationOf,
  newCaseMutation,
  pushRequestOf,
  seedSyncFixture,
  stampAt,
} from '../tests/support/sync-fixture.ts';
import { actorHeaders, buildSyncTestApp } from '../tests/support/sync-server.ts';
import type { SyncActor } from '../server/services/sync-scope.ts';

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
  rows.push(await pushAll('push new cases', caseworker, cases));

  const edits = Array.from({ length: editCount }, (_, i) => {
    const target = cases[(i * 7919) % cases.length]!;
    return mutationOf(
      { recordType: 'case', recordId: target.recordId, caseId: target.recordId },
      { riskLevel: 'high', safetyPlan: `सुरक्षा योजना ${i}` },
      stampAt(caseCount + i, caseworker.deviceId),
      { riskLevel: target.fields.riskLevel!.stamp, safetyPlan: target.fields.safetyPlan!.stamp },
    );
  });
  rows.push(await pushAll('push edits', caseworker, edits));
  rows.push(await pullAll('fresh pull', counsellor));
  console.log(`engine: ${url ? 'postgres' : 'sqlite'}, ${caseCount} cases, ${editCount} edits`);
  console.table(
    rows.map((row) => ({
      scenario: row.scenario,
      requests: row.requests,
      'ms total': Math.round(row.ms),
      'kB up (gzip)': Math.round(row.upBytes / 1024),
      'kB down (gzip)': Math.round(row.downBytes / 1024),
    })),
  );
} finally {
  await app.close();
  await database.close();
  rmSync(root, { recursive: true, force: true });
}

async function pushAll(scenario: string, actor: SyncActor, mutations: Mutation[]): Promise<Row> {
  const row: Row = { scenario, requests: 0, ms: 0, upBytes: 0, downBytes: 0 };
  const started = performance.now();
  for (let sent = 0; sent < mutations.length;) {
    const batch = fitBatch(mutations.slice(sent, sent + 500));
    const answer = await post(row, '/api/sync/push', actor, pushRequestOf(actor, batch));
    const { results } = pushResponseSchema.parse(answer);
    if (results.some((r) => r.status !== 'applied'))
      throw new Error('a bench mutation was refused');
    sent += batch.length;
  }
  row.ms = performance.now() - started;
  return row;
}

async function pullAll(scenario: string, actor: SyncActor): Promise<Row> {
  const row: Row = { scenario, requests: 0, ms: 0, upBytes: 0, downBytes: 0 };
  const started = performance.now();
  let cursor: string | null = null;
  let records = 0;
  for (;;) {
    const body = { protocolVersion: PROTOCOL_VERSION, cursor, limit: 1000 };
    const page = pullResponseSchema.parse(await post(row, '/api/sync/pull', actor, body));
    records += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  row.ms = performance.now() - started;
  if (records !== caseCount) throw new Error(`pulled ${records} records, expected ${caseCount}`);
  return row;
}

/** POST with a gzip body, counting the bytes as they cross the wire. */
function post(row: Row, path: string, actor: SyncActor, body: unknown): Promise<unknown> {
  const payload = gzipSync(JSON.stringify(body));
  row.requests++;
  row.upBytes += payload.length;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'accept-encoding': 'gzip',
          ...actorHeaders(actor),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          row.downBytes += raw.length;
          const encoding = response.headers['content-encoding'];
          const text =
            encoding === 'gzip'
              ? gunzipSync(raw)
              : encoding === 'br'
                ? brotliDecompressSync(raw)
                : raw;
          if (response.statusCode !== 200) {
            reject(new Error(`${path} answered ${response.statusCode}: ${text.toString()}`));
          } else {
            resolve(JSON.parse(text.toString()));
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
