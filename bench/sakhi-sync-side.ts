/**
 * Sakhi's side of the sync comparison: a fresh SQLite server per run on 127.0.0.1, the
 * real /api/sync routes (actor from the test seam header), pushes cut as the tablet cuts
 * them (fitBatch: ≤ 500 mutations, ≤ 1 MB), request bodies gzipped as http-transport.ts
 * sends them, answers gzipped by the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
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
import type { SyncActor } from '../server/services/sync-scope.ts';
import {
  SYNC_MIGRATIONS,
  mutationOf,
  pushRequestOf,
  seedSyncFixture,
  stampAt,
} from '../tests/support/sync-fixture.ts';
import { actorHeaders, buildSyncTestApp } from '../tests/support/sync-server.ts';
import { ownedBy, type CaseEdit, type CaseRecord } from './case-records.ts';
import { bytesSince, meterServer, type WireBytes } from './wire-meter.ts';

export interface ScenarioResult {
  ms: number;
  bytes: WireBytes;
  requests: number;
}

export type SyncResults = Record<'push cases' | 'push edits' | 'fresh pull', ScenarioResult>;

export async function runSakhiSync(
  records: readonly CaseRecord[],
  edits: readonly CaseEdit[],
): Promise<SyncResults> {
  const root = mkdtempSync(join(tmpdir(), 'sakhi-vs-pouch-'));
  const database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
  const app = await buildSyncTestApp(database.db.withTables<SyncTables>());
  try {
    const db = database.db.withTables<SyncTables>();
    await migrateToLatest(db, SYNC_MIGRATIONS);
    const { caseworker, counsellor } = (await seedSyncFixture(db)).actors;
    const readBytes = meterServer(app.server);
    const client = new SyncClient(await app.listen({ host: '127.0.0.1', port: 0 }));

    const cases = records.map((record, i) => {
      const values = ownedBy(record, caseworker.centreId!, caseworker.userId);
      const target = { recordType: 'case' as const, recordId: record.id, caseId: record.id };
      return mutationOf(target, values, stampAt(i, caseworker.deviceId));
    });
    const editMutations = edits.map(({ caseIndex, fields }, i) => {
      const { recordType, recordId, caseId } = cases[caseIndex]!;
      const base = stampAt(caseIndex, caseworker.deviceId);
      const bases = Object.fromEntries(Object.keys(fields).map((name) => [name, base]));
      const stamp = stampAt(records.length + i, caseworker.deviceId);
      return mutationOf({ recordType, recordId, caseId }, fields, stamp, bases);
    });

    const measure = async (work: () => Promise<void>): Promise<ScenarioResult> => {
      const before = readBytes();
      const requestsBefore = client.requests;
      const started = performance.now();
      await work();
      const ms = performance.now() - started;
      return {
        ms,
        bytes: bytesSince(readBytes, before),
        requests: client.requests - requestsBefore,
      };
    };
    return {
      'push cases': await measure(() => client.pushAll(caseworker, cases)),
      'push edits': await measure(() => client.pushAll(caseworker, editMutations)),
      'fresh pull': await measure(() => client.pullAll(counsellor, records.length)),
    };
  } finally {
    await app.close();
    await database.close();
    rmSync(root, { recursive: true, force: true });
  }
}

class SyncClient {
  requests = 0;
  constructor(private readonly base: string) {}

  async pushAll(actor: SyncActor, mutations: readonly Mutation[]): Promise<void> {
    for (let sent = 0; sent < mutations.length;) {
      const batch = fitBatch(mutations.slice(sent, sent + 500));
      const answer = await this.post('/api/sync/push', actor, pushRequestOf(actor, batch));
      const refused = pushResponseSchema.parse(answer).results.find((r) => r.status !== 'applied');
      if (refused) throw new Error(`a bench mutation was refused: ${JSON.stringify(refused)}`);
      sent += batch.length;
    }
  }

  async pullAll(actor: SyncActor, expected: number): Promise<void> {
    let cursor: string | null = null;
    let pulled = 0;
    for (;;) {
      const body = { protocolVersion: PROTOCOL_VERSION, cursor, limit: 1000 };
      const page = pullResponseSchema.parse(await this.post('/api/sync/pull', actor, body));
      pulled += page.records.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (pulled !== expected) throw new Error(`pulled ${pulled} records, expected ${expected}`);
  }

  private post(path: string, actor: SyncActor, body: unknown): Promise<unknown> {
    const payload = gzipSync(JSON.stringify(body));
    this.requests++;
    return new Promise((resolve, reject) => {
      const headers = {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'accept-encoding': 'gzip',
        ...actorHeaders(actor),
      };
      const request = httpRequest(
        `${this.base}${path}`,
        { method: 'POST', headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const gzipped = response.headers['content-encoding'] === 'gzip';
            const text = (gzipped ? gunzipSync(raw) : raw).toString();
            if (response.statusCode === 200) resolve(JSON.parse(text));
            else reject(new Error(`${path} answered ${response.statusCode}: ${text}`));
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }
}
