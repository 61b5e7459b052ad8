/**
 * Sakhi's side of the sync comparison: a fresh SQLite server per run on 127.0.0.1 with
 * the real /api/sync routes (actor from the test seam header), and a tablet running the
 * real engine and HTTP transport with its outbox in memory (sakhi-tablet.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { formatCaseNumber } from '../src/domain/case-number.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import {
  SYNC_MIGRATIONS,
  caseNumberIssuerOf,
  mutationOf,
  seedSyncFixture,
  stampAt,
} from '../tests/support/sync-fixture.ts';
import { buildSyncTestApp } from '../tests/support/sync-server.ts';
import { ownedBy, type CaseEdit, type CaseRecord } from './case-records.ts';
import { benchTablet } from './sakhi-tablet.ts';
import { copyDatabaseBeforePushes, takeStoredRows, type StoredRows } from './sqlite-floor.ts';
import { bytesSince, meterServer, type WireBytes } from './wire-meter.ts';
import { startScenarioProfile } from './scenario-profile.ts';

export interface ScenarioResult {
  ms: number;
  bytes: WireBytes;
  requests: number;
}

export type SyncResults = Record<'push cases' | 'push edits' | 'fresh pull', ScenarioResult>;

export type SakhiResults = SyncResults & {
  /** The rows each push scenario stored, for the floor (sqlite-floor.ts). */
  readonly stored: {
    readonly file: string;
    readonly cases: StoredRows;
    readonly edits: StoredRows;
  };
};

/** Numbers each scenario's profile file in the order they ran. */
let profiledScenarios = 0;

export async function runSakhiSync(
  records: readonly CaseRecord[],
  edits: readonly CaseEdit[],
): Promise<SakhiResults> {
  const root = mkdtempSync(join(tmpdir(), 'sakhi-vs-pouch-'));
  const database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
  const app = await buildSyncTestApp(database.db.withTables<SyncTables>());
  try {
    const db = database.db.withTables<SyncTables>();
    await migrateToLatest(db, SYNC_MIGRATIONS);
    const { caseworker, counsellor } = (await seedSyncFixture(db)).actors;
    const readBytes = meterServer(app.server);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const writer = benchTablet(base, caseworker);
    const freshTablet = benchTablet(base, counsellor);

    // Mutation ids as the tablet makes them when she saves: UUIDv7 (src/platform/ids.ts).
    // The server takes only case numbers of the pushing tablet's own district and tag.
    const issuer = caseNumberIssuerOf(caseworker.deviceId);
    const cases = records.map((record, i) => {
      const caseNumber = formatCaseNumber({ ...issuer, year: 2026, serial: i + 1 });
      const values = { ...ownedBy(record, caseworker.centreId!, caseworker.userId), caseNumber };
      const target = { recordType: 'case' as const, recordId: record.id, caseId: record.id };
      return mutationOf(target, values, stampAt(i, caseworker.deviceId), {}, uuidv7());
    });
    const editMutations = edits.map(({ caseIndex, fields }, i) => {
      const { recordType, recordId, caseId } = cases[caseIndex]!;
      const base = stampAt(caseIndex, caseworker.deviceId);
      const bases = Object.fromEntries(Object.keys(fields).map((name) => [name, base]));
      const stamp = stampAt(records.length + i, caseworker.deviceId);
      return mutationOf({ recordType, recordId, caseId }, fields, stamp, bases, uuidv7());
    });

    const measure = async (
      tablet: typeof writer,
      work: () => Promise<unknown>,
    ): Promise<ScenarioResult> => {
      const before = readBytes();
      const requestsBefore = tablet.requests();
      const profiler = await startScenarioProfile();
      const started = performance.now();
      await work();
      const ms = performance.now() - started;
      await profiler?.stop(`sakhi-${++profiledScenarios}`);
      return {
        ms,
        bytes: bytesSince(readBytes, before),
        requests: tablet.requests() - requestsBefore,
      };
    };
    const pullEverything = async () => {
      const { pulledRecords } = await freshTablet.pullAll();
      if (pulledRecords !== records.length) {
        throw new Error(`pulled ${pulledRecords} records, expected ${records.length}`);
      }
    };
    const floorFile = await copyDatabaseBeforePushes(db);
    const pushCases = await measure(writer, () => writer.pushAll(cases));
    const storedCases = await takeStoredRows(
      db,
      { seq: 0, mutationIds: new Set() },
      pushCases.requests,
    );
    const afterCases = {
      seq: Math.max(...storedCases.records.map((row) => Number(row.seq))),
      mutationIds: new Set(storedCases.mutations.map((row) => row.id)),
    };
    const pushEdits = await measure(writer, () => writer.pushAll(editMutations));
    const storedEdits = await takeStoredRows(db, afterCases, pushEdits.requests);
    return {
      'push cases': pushCases,
      'push edits': pushEdits,
      'fresh pull': await measure(freshTablet, pullEverything),
      stored: { file: floorFile, cases: storedCases, edits: storedEdits },
    };
  } finally {
    await app.close();
    await database.close();
    rmSync(root, { recursive: true, force: true });
  }
}
