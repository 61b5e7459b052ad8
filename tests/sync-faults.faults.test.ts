/**
 * The fault harness (`npm run test:faults`, part of `npm test`): the real server as its
 * own process (`tsx server/main.ts --demo` on SQLite) and the real sync engine on tablets
 * with their own IndexedDB, under the faults a district centre meets — the server killed
 * (SIGKILL) in the middle of pushes and pulls, a link that delays, loses answers, cuts
 * uploads and delivers requests twice, and tablet clocks days off.
 *
 * Every scenario ends the same way: the tablet syncs on a good link until its outbox is
 * empty, and a fresh tablet pulls everything from the server. Then, for every record the
 * writing tablet holds: missing on the server is LOST; stored with any field's value or
 * stamp different is HALF-WRITTEN; a saved case or note found more than once is
 * DUPLICATED. One table prints at the end, and every count but "tried" must be 0.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInResponseSchema } from '../src/domain/auth-protocol.ts';
import type { FieldMap } from '../src/domain/merge.ts';
import { openTestStore, sampleIntake, type TestStore } from '../src/data/case-store.testing.ts';
import { createHttpTransport } from '../src/sync/http-transport.ts';
import { createLocalSyncPorts, readLocalSyncCounts } from '../src/sync/local-sync.ts';
import { runSync } from '../src/sync/sync-run.ts';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { fates, startFaultProxy, type Fate } from './support/fault-proxy.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

const DAY_MS = 86_400_000;

interface ScenarioResult {
  scenario: string;
  tried: number;
  lost: number;
  duplicated: number;
  halfWritten: number;
  /** Refused changes are kept and shown to a person, never lost; none are expected here. */
  refused: number;
}

interface Tablet {
  readonly store: TestStore;
  sync(baseUrl?: string): Promise<unknown>;
}

/** A deterministic random (mulberry32), so a failing run can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let server: ServerProcess;
const results: ScenarioResult[] = [];
const tablets: Tablet[] = [];

async function openTablet(username: string, timeOffsetMs = 0): Promise<Tablet> {
  const deviceId = randomUUID();
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status}`);
  const session = signInResponseSchema.parse(await response.json());
  if (!session.centre) throw new Error(`${username} belongs to no centre`);
  const store = await openTestStore({
    time: Date.now() + timeOffsetMs,
    staff: {
      userId: session.user.id,
      centreId: session.centre.id,
      districtCode: session.centre.districtCode,
      role: session.user.role,
      displayName: session.user.displayName,
    },
    device: { id: deviceId, tag: session.device.tag, createdAt: new Date().toISOString() },
  });
  const tablet: Tablet = {
    store,
    sync: (baseUrl = server.url) => {
      const transport = createHttpTransport({
        baseUrl,
        readToken: () => Promise.resolve(session.token),
      });
      const ports = createLocalSyncPorts({
        db: store.db,
        clock: store.clock,
        deviceId,
        transport,
      });
      return runSync(ports, { shouldPull: true, pullPageSize: 7 });
    },
  };
  tablets.push(tablet);
  return tablet;
}

/** A day's work: cases, each with a note now and then; every name and note unique. */
async function saveWork(tablet: Tablet, label: string, index: number): Promise<void> {
  const saved = await tablet.store.cases.registerCase(
    sampleIntake({ survivorName: `${label} ${index}`, survivorPhone: null }),
  );
  if (index % 2 === 0) {
    await tablet.store.cases.addEntry(saved.id, 'note', { text: `${label} note ${index}` });
  }
}

/** Syncs on a good link until nothing waits; a run that fails is simply run again. */
async function syncUntilSent(tablet: Tablet): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      await tablet.sync();
    } catch {
      // the next attempt carries on where this one stopped
    }
    if ((await readLocalSyncCounts(tablet.store.db)).waiting === 0) return;
  }
  throw new Error('the outbox did not empty on a good link');
}

async function recordsOf(tablet: Tablet): Promise<Map<string, FieldMap>> {
  const { db } = tablet.store;
  const rows = [...(await db.cases.toArray()), ...(await db.entries.toArray())];
  return new Map(rows.map((row) => [row.id, row.fields]));
}

/** What only that save wrote: her name on a case, the text of a note. */
function markerOf(fields: FieldMap): string | null {
  const marker = fields.survivorName?.value ?? fields.text?.value;
  return typeof marker === 'string' ? marker : null;
}

async function compare(scenario: string, tried: number, writer: Tablet): Promise<ScenarioResult> {
  await syncUntilSent(writer);
  const auditor = await openTablet('lko.counsellor');
  await syncUntilSent(auditor);
  // A pull that stopped part way would look like loss: pull until nothing more comes.
  await auditor.sync();
  const written = await recordsOf(writer);
  const stored = await recordsOf(auditor);
  let lost = 0;
  let halfWritten = 0;
  for (const [id, fields] of written) {
    const copy = stored.get(id);
    if (!copy) {
      lost += 1;
      continue;
    }
    const isSame = Object.entries(fields).every(
      ([name, state]) =>
        copy[name]?.stamp === state.stamp &&
        JSON.stringify(copy[name]?.value) === JSON.stringify(state.value),
    );
    if (!isSame) halfWritten += 1;
  }
  const writtenMarkers = new Set([...written.values()].map(markerOf));
  const seen = new Map<string, number>();
  for (const fields of stored.values()) {
    const marker = markerOf(fields);
    if (marker && writtenMarkers.has(marker)) seen.set(marker, (seen.get(marker) ?? 0) + 1);
  }
  const duplicated = [...seen.values()].filter((count) => count > 1).length;
  const refused = (await readLocalSyncCounts(writer.store.db)).rejected;
  const result = { scenario, tried, lost, duplicated, halfWritten, refused };
  results.push(result);
  return result;
}

function expectNothingLost(result: ScenarioResult) {
  expect(result).toMatchObject({ lost: 0, duplicated: 0, halfWritten: 0, refused: 0 });
}

beforeAll(async () => {
  server = await startServerProcess();
}, 60_000);

afterAll(async () => {
  for (const tablet of tablets.splice(0)) tablet.store.db.close();
  await server?.close();
  const rows = results.map((row) => [
    row.scenario.padEnd(44),
    String(row.tried).padStart(5),
    String(row.lost).padStart(4),
    String(row.duplicated).padStart(10),
    String(row.halfWritten).padStart(12),
    String(row.refused).padStart(7),
  ]);
  console.log(
    [
      ['scenario'.padEnd(44), 'tried', 'lost', 'duplicated', 'half-written', 'refused'].join(' | '),
      ...rows.map((row) => row.join(' | ')),
    ].join('\n'),
  );
});

describe('sync under faults', () => {
  it('loses nothing when the server is killed in the middle of pushes', async () => {
    const random = seededRandom(7);
    const writer = await openTablet('lko.caseworker');
    const rounds = 8;
    const savesPerRound = 5;
    let interrupted = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < savesPerRound; i += 1) {
        await saveWork(writer, 'KillPush', round * savesPerRound + i);
      }
      const syncing = writer.sync().then(
        () => false,
        () => true,
      );
      // Anywhere from before the request lands to after the commit, before the answer.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 40)));
      await server.kill();
      if (await syncing) interrupted += 1;
      await server.start();
    }
    // Some kills must have cut a run short, or this proved nothing about kills.
    expect(interrupted).toBeGreaterThan(0);
    expectNothingLost(await compare('server SIGKILL during push', rounds * savesPerRound, writer));
  }, 120_000);

  it('loses nothing when the server is killed in the middle of pulls', async () => {
    const random = seededRandom(11);
    const writer = await openTablet('lko.nurse');
    const saves = 30;
    for (let i = 0; i < saves; i += 1) await saveWork(writer, 'KillPull', i);
    await syncUntilSent(writer);
    const reader = await openTablet('lko.operator');
    let interrupted = 0;
    for (let round = 0; round < 6; round += 1) {
      const pulling = reader.sync().then(
        () => false,
        () => true,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)));
      await server.kill();
      if (await pulling) interrupted += 1;
      await server.start();
    }
    expect(interrupted).toBeGreaterThan(0);
    await syncUntilSent(reader);
    await reader.sync();
    // The reader must hold every record the writer wrote, as the auditor does.
    const written = await recordsOf(writer);
    const pulled = await recordsOf(reader);
    const missing = [...written.keys()].filter((id) => !pulled.has(id));
    const result = await compare('server SIGKILL during pull', saves, writer);
    result.lost += missing.length;
    expectNothingLost(result);
  }, 120_000);

  it('loses nothing on a link that delays, drops answers, cuts uploads and repeats requests', async () => {
    const random = seededRandom(23);
    const chooseFate = (): Fate => fates[Math.floor(random() * fates.length)]!;
    const proxy = await startFaultProxy(server.url, chooseFate);
    try {
      const writer = await openTablet('lko.caseworker');
      const saves = 40;
      for (let i = 0; i < saves; i += 1) {
        await saveWork(writer, 'Link', i);
        if (i % 3 === 2) await writer.sync(proxy.url).catch(() => undefined);
      }
      for (let round = 0; round < 10; round += 1) {
        await writer.sync(proxy.url).catch(() => undefined);
      }
      // Every fate was met, or the scenario proved less than it claims.
      for (const fate of fates) expect(proxy.counts[fate], fate).toBeGreaterThan(0);
      expectNothingLost(await compare('link: delayed, lost, cut, truncated, twice', saves, writer));
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it.each([
    ['tablet clock 3 days behind', -3 * DAY_MS],
    ['tablet clock 3 days ahead', 3 * DAY_MS],
  ])(
    'loses nothing with the %s',
    async (scenario, offsetMs) => {
      const writer = await openTablet('lko.manager', offsetMs);
      const saves = 10;
      for (let i = 0; i < saves; i += 1) await saveWork(writer, `Clock${offsetMs}`, i);
      expectNothingLost(await compare(scenario, saves, writer));
    },
    120_000,
  );
});
