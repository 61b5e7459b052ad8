/**
 * Client ↔ server: the real sync engine (runSync over createLocalSyncPorts and
 * createHttpTransport) on tablets with their own IndexedDB (fake-indexeddb), against the
 * real sync routes listening on 127.0.0.1 over SQLite.
 *
 * Who is asking: the routes' TEST SEAM (tests/support/sync-server.ts) reads the actor
 * from the `x-test-actor` header, which each tablet's fetch adds; everything else on the
 * wire is what a tablet sends.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStamp } from '../src/domain/hlc.ts';
import type { FieldMap } from '../src/domain/merge.ts';
import { maxStampAheadMs } from '../src/domain/hlc.ts';
import type { StaffMember } from '../src/data/case-store.ts';
import { openTestStore, sampleIntake, type TestStore } from '../src/data/case-store.testing.ts';
import { createHttpTransport } from '../src/sync/http-transport.ts';
import { createLocalSyncPorts, readLocalSyncCounts } from '../src/sync/local-sync.ts';
import { runSync } from '../src/sync/sync-run.ts';
import { SyncError } from '../src/sync/sync-ports.ts';
import type { SyncActor } from '../server/services/sync-scope.ts';
import type { DistrictCode } from '../src/domain/districts.ts';
import {
  SYNC_START,
  caseNumberIssuerOf,
  openSyncTestDatabase,
  seedSyncFixture,
  type SyncFixture,
  type SyncTestDatabase,
} from './support/sync-fixture.ts';
import { actorHeaders, buildSyncTestApp } from './support/sync-server.ts';
import { readStoredFields } from '../server/db/sync-record-fields.ts';
import { renewLogId } from '../server/services/sync-cursor.ts';

let database: SyncTestDatabase;
let app: FastifyInstance;
let fixture: SyncFixture;
let serverTime: number;
/**
 * How each request body arrived, by route: pushes gzip from CompressionStream, as on the
 * tablet; a pull's small body as it is (http-transport.ts, minCompressedBodyBytes).
 */
const requestEncodings: string[] = [];
const tablets: Tablet[] = [];
/** The size of each pull answer's JSON before compression. */
const pullAnswerBytes: number[] = [];

beforeAll(async () => {
  database = await openSyncTestDatabase('sqlite');
  app = await buildSyncTestApp(database.db, { now: () => new Date(serverTime) });
  app.addHook('onRequest', (request, _reply, done) => {
    requestEncodings.push(`${request.url} ${request.headers['content-encoding'] ?? 'none'}`);
    done();
  });
  // A pull page is sent as bytes already serialised and compressed (compressed-json.ts):
  // its JSON's size is what it unpacks to.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url === '/api/sync/pull' && Buffer.isBuffer(payload)) {
      const encoding = reply.getHeader('content-encoding');
      const json =
        encoding === 'br'
          ? brotliDecompressSync(payload)
          : encoding === 'gzip'
            ? gunzipSync(payload)
            : payload;
      pullAnswerBytes.push(json.byteLength);
    }
    done(null, payload);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // The server serves the app, so the page and the API share an origin and the transport
  // uses the page's own (baseUrl ''). The unit project's fetch is happy-dom's (HTTP over
  // Node's http), which holds the same-origin policy: the page is put on the server's origin.
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const page = globalThis as unknown as { happyDOM?: { setURL(url: string): void } };
  if (!page.happyDOM) throw new Error('this test runs in the unit project (happy-dom)');
  page.happyDOM.setURL(`${origin}/`);
});
afterAll(async () => {
  await app.close();
  await database.close();
});
beforeEach(async () => {
  serverTime = SYNC_START.getTime() + 86_400_000;
  fixture = await seedSyncFixture(database.db);
});
afterEach(() => {
  for (const tablet of tablets.splice(0)) tablet.store.db.close();
});

type NetworkState = 'up' | 'down' | 'answer-lost';

interface Tablet {
  readonly store: TestStore;
  network: NetworkState;
  sync(): ReturnType<typeof runSync>;
}

async function openTablet(actor: SyncActor, time = serverTime, pullPageSize = 3): Promise<Tablet> {
  // The tablet numbers cases with the district and tag the server holds for it (the
  // fixture's made-up district codes, so suites sharing a database never meet).
  const issuer = caseNumberIssuerOf(actor.deviceId);
  const staff: StaffMember = {
    userId: actor.userId,
    centreId: actor.centreId!,
    districtCode: issuer.districtCode as DistrictCode,
    role: actor.role,
    displayName: 'परीक्षण केसवर्कर',
  };
  const device = {
    id: actor.deviceId,
    tag: issuer.deviceTag,
    createdAt: SYNC_START.toISOString(),
  };
  const store = await openTestStore({ time, staff, device });
  const tablet: Tablet = {
    store,
    network: 'up',
    sync: () => runSync(ports, { shouldPull: true, pullPageSize }),
  };
  // The page's fetch, with the routes' test seam standing in for the device session.
  const tabletFetch: typeof fetch = async (input, init) => {
    if (tablet.network === 'down') throw new TypeError('fetch failed: network is down');
    const response = await fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...actorHeaders(actor) },
    });
    if (tablet.network === 'answer-lost') {
      // The server did the work; the answer never reaches the tablet.
      await response.arrayBuffer();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
  const transport = createHttpTransport({
    baseUrl: '',
    readToken: () => Promise.resolve(null),
    fetch: tabletFetch,
  });
  const ports = createLocalSyncPorts({
    db: store.db,
    clock: store.clock,
    deviceId: actor.deviceId,
    transport,
  });
  tablets.push(tablet);
  return tablet;
}

/** Every record a tablet holds, as the merge state sync compares: id → fields. */
async function recordsOf(tablet: Tablet) {
  const { db } = tablet.store;
  const rows = [
    ...(await db.cases.toArray()),
    ...(await db.entries.toArray()),
    ...(await db.conflicts.toArray()),
  ];
  return new Map<string, FieldMap>(rows.map((row) => [row.id, row.fields]));
}

async function serverRecords() {
  const rows = await database.db
    .selectFrom('sync_records')
    .select(['id', 'fields'])
    .where('centre_id', '=', fixture.own.id)
    .execute();
  return new Map<string, FieldMap>(rows.map((row) => [row.id, readStoredFields(row.fields)]));
}

async function expectConverged(...all: Tablet[]) {
  const server = await serverRecords();
  for (const tablet of all) {
    expect(await recordsOf(tablet)).toEqual(server);
    expect(await tablet.store.db.outbox.count()).toBe(0);
  }
  return server;
}

describe('two tablets of one centre and the server', () => {
  it('save offline, sync when the network comes back, and converge', async () => {
    const a = await openTablet(fixture.actors.caseworker);
    const b = await openTablet(fixture.actors.caseworker2);
    a.network = 'down';
    b.network = 'down';
    const sunita = await a.store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    await a.store.cases.addEntry(sunita.id, 'note', { text: 'पहली बातचीत हुई।' });
    const reena = await b.store.cases.registerCase(sampleIntake({ survivorName: 'रीना' }));
    await b.store.cases.addEntry(reena.id, 'stay', {
      admittedAt: new Date(serverTime).toISOString(),
      plannedDischargeDate: '2026-03-12',
      extendedUntil: null,
      extensionReason: null,
      dischargedAt: null,
      dischargedTo: null,
    });

    const offline = await a.sync().catch((error: unknown) => error);
    expect(offline).toBeInstanceOf(SyncError);
    expect((offline as SyncError).code).toBe('offline');
    expect(await readLocalSyncCounts(a.store.db)).toMatchObject({ waiting: 2, rejected: 0 });

    a.network = 'up';
    b.network = 'up';
    expect(await a.sync()).toMatchObject({ pushed: 2, rejected: 0 });
    expect(await b.sync()).toMatchObject({ pushed: 3, rejected: 0, pulledRecords: 4 });
    await a.sync();

    const server = await expectConverged(a, b);
    expect(server.size).toBe(4);
    expect(new Set(requestEncodings)).toEqual(
      new Set(['/api/sync/push gzip', '/api/sync/pull none']),
    );
    // The pulled records are usable on the other tablet: listed, found, in stay.
    const [found] = await a.store.cases.searchCases('reena');
    expect(found).toMatchObject({ id: reena.id, status: 'in_stay', isInStay: true });
    expect((await b.store.cases.getCaseFile(sunita.id))?.entries).toHaveLength(1);
  });

  it("carry the perpetrator's relationship detail to the server and the other tablet", async () => {
    const a = await openTablet(fixture.actors.caseworker);
    const b = await openTablet(fixture.actors.caseworker2);
    const sunita = await a.store.cases.registerCase(
      sampleIntake({
        perpetratorRelationship: 'in_laws',
        perpetratorRelationshipDetail: 'पति का बड़ा भाई',
      }),
    );
    expect(await a.sync()).toMatchObject({ pushed: 1, rejected: 0 });
    await b.sync();

    const server = await expectConverged(a, b);
    expect(server.get(sunita.id)?.perpetratorRelationshipDetail?.value).toBe('पति का बड़ा भाई');
    const onB = await b.store.cases.getCaseFile(sunita.id);
    expect(onB?.case.perpetratorRelationshipDetail).toBe('पति का बड़ा भाई');
  });

  it('keep the same field edited on both as a conflict that both tablets pull', async () => {
    const a = await openTablet(fixture.actors.caseworker);
    const b = await openTablet(fixture.actors.caseworker2);
    const registered = await a.store.cases.registerCase(sampleIntake());
    await a.sync();
    await b.sync();

    a.network = 'down';
    b.network = 'down';
    a.store.time += 60_000;
    await a.store.cases.updateCase(registered.id, {
      riskLevel: 'high',
      survivorAgeYears: 30,
      survivorPhone: '9876543210',
    });
    b.store.time += 120_000;
    await b.store.cases.updateCase(registered.id, {
      riskLevel: 'medium',
      survivorAgeYears: 30,
      safetyPlan: 'बहन के घर रहेंगी।',
    });

    a.network = 'up';
    b.network = 'up';
    await a.sync();
    await b.sync();
    await a.sync();

    const server = await expectConverged(a, b);
    const merged = server.get(registered.id)!;
    expect(merged.riskLevel!.value).toBe('medium');
    expect(merged.survivorPhone!.value).toBe('9876543210');
    expect(merged.safetyPlan!.value).toBe('बहन के घर रहेंगी।');
    for (const tablet of [a, b]) {
      const conflicts = await tablet.store.db.conflicts.toArray();
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ caseId: registered.id, field: 'riskLevel', isOpen: 1 });
      expect(conflicts[0]!.fields.value!.value).toBe('high');
      expect(conflicts[0]!.fields.writtenBy!.value).toBe(fixture.actors.caseworker.userId);
      expect(await readLocalSyncCounts(tablet.store.db)).toEqual({
        waiting: 0,
        rejected: 0,
        openConflicts: 1,
      });
      expect(await tablet.store.cases.getCaseFile(registered.id)).toMatchObject({
        case: { riskLevel: 'medium' },
      });
    }
  });

  it('lose nothing when the connection drops mid-push: the retry is answered as duplicates', async () => {
    const a = await openTablet(fixture.actors.caseworker);
    const b = await openTablet(fixture.actors.caseworker2);
    for (const name of ['सुनीता', 'रीना', 'पूजा']) {
      await a.store.cases.registerCase(sampleIntake({ survivorName: name }));
    }

    a.network = 'answer-lost';
    await expect(a.sync()).rejects.toMatchObject({ code: 'offline' });
    expect(await a.store.db.outbox.count()).toBe(3);
    expect((await serverRecords()).size).toBe(3);

    a.network = 'up';
    expect(await a.sync()).toMatchObject({ pushed: 0, duplicates: 3, rejected: 0 });
    await b.sync();
    const server = await expectConverged(a, b);
    expect(server.size).toBe(3);
  });

  it('bring a tablet whose clock is days ahead into line: refused stamps are re-stamped and go up', async () => {
    const a = await openTablet(fixture.actors.caseworker, serverTime + 3 * 86_400_000);
    const b = await openTablet(fixture.actors.caseworker2);
    const registered = await a.store.cases.registerCase(sampleIntake());
    await a.store.cases.updateCase(registered.id, { riskLevel: 'high' });

    // The first push of the run is refused: the new case as too far ahead, so the edit
    // behind it as unknown_case. The same run re-stamps both and sends the case again;
    // its acknowledgement puts the edit back in the queue, and it goes up too.
    expect(await a.sync()).toMatchObject({ pushed: 2 });
    expect(await readLocalSyncCounts(a.store.db)).toMatchObject({ waiting: 0, rejected: 0 });
    await b.sync();
    b.store.time += 60_000;
    await b.store.cases.updateCase(registered.id, { riskLevel: 'medium' });
    await b.sync();
    await a.sync();

    const server = await expectConverged(a, b);
    const { riskLevel, survivorName } = server.get(registered.id)!;
    expect(parseStamp(survivorName!.stamp).wallMs).toBeLessThanOrEqual(
      serverTime + maxStampAheadMs,
    );
    // B saw A's re-stamped value before replacing it: no conflict, and B's later write wins.
    expect(riskLevel!.value).toBe('medium');
    expect(await a.store.db.conflicts.count()).toBe(0);
  });
});

describe('a server restored from a backup while tablets hold later cursors', () => {
  /** The sync tables as a backup holds them; `restore` puts them back with a new log id. */
  async function takeBackup() {
    const records = await database.db.selectFrom('sync_records').selectAll().execute();
    const mutations = await database.db.selectFrom('sync_mutations').selectAll().execute();
    return async function restore() {
      await database.db.deleteFrom('sync_records').execute();
      await database.db.deleteFrom('sync_mutations').execute();
      if (records.length > 0)
        await database.db.insertInto('sync_records').values(records).execute();
      if (mutations.length > 0)
        await database.db.insertInto('sync_mutations').values(mutations).execute();
      await renewLogId(database.db, new Date(serverTime));
    };
  }

  it('re-pull from the start: every record back on the server and tablets, none twice, outbox kept', async () => {
    const a = await openTablet(fixture.actors.caseworker);
    const b = await openTablet(fixture.actors.caseworker2);
    for (const name of ['सुनीता', 'रीना']) {
      await a.store.cases.registerCase(sampleIntake({ survivorName: name }));
    }
    await a.sync();
    await b.sync();
    const restore = await takeBackup();
    // After the backup: B's cursor moves past numbers the restored server hands out again.
    const lostByRestore = await a.store.cases.registerCase(sampleIntake({ survivorName: 'पूजा' }));
    await a.sync();
    await b.sync();
    await restore();

    // The same change-log numbers again, for new records B must not skip.
    for (const name of ['कविता', 'आशा', 'मीना']) {
      await a.store.cases.registerCase(sampleIntake({ survivorName: name }));
    }
    await a.sync();
    b.network = 'down';
    const offline = await b.store.cases.registerCase(sampleIntake({ survivorName: 'गीता' }));
    await expect(b.sync()).rejects.toMatchObject({ code: 'offline' });
    b.network = 'up';

    // A's own sync after the restore found its cursor refused and re-offered the case the
    // restore lost, so B's pull from the start brings that one too.
    expect(await b.sync()).toMatchObject({ pushed: 1, pulledRecords: 7 });
    await a.sync();

    const server = await serverRecords();
    expect(server.size).toBe(7);
    expect(server.has(offline.id)).toBe(true);
    expect(server.has(lostByRestore.id)).toBe(true);
    for (const tablet of [a, b]) {
      expect(await recordsOf(tablet)).toEqual(server);
      expect(await tablet.store.db.cases.count()).toBe(7);
      expect(await tablet.store.db.outbox.count()).toBe(0);
    }
  });
});

describe('large records', () => {
  it('come in pages of about a megabyte, however many a page may hold, and all arrive', async () => {
    const a = await openTablet(fixture.actors.caseworker);
    const b = await openTablet(fixture.actors.caseworker2, serverTime, 1000);
    const sunita = await a.store.cases.registerCase(sampleIntake());
    // Long Devanagari notes within the schema's limits: ~36 KB of UTF-8 each.
    for (let i = 0; i < 40; i++) {
      const text = `${i} ${'सहायता केंद्र '.repeat(900)}`.slice(0, 12_000);
      await a.store.cases.addEntry(sunita.id, 'note', { text });
    }
    await a.sync();
    pullAnswerBytes.length = 0;

    const report = await b.sync();
    expect(report.pulledRecords).toBe(41);
    expect(report.pulledPages).toBeGreaterThan(1);
    await expectConverged(a, b);
    expect(pullAnswerBytes.length).toBe(report.pulledPages);
    for (const bytes of pullAnswerBytes) expect(bytes).toBeLessThan(1_100_000);
    // Both tablets seal and open 1.5 MB of notes, and each added note re-opens the case's
    // earlier ones to derive its list columns: slower than the default 5 s on a busy machine.
  }, 20_000);
});
