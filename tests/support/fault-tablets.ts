/**
 * The fault harness's tablets and its verdict: real sync engines on their own IndexedDB,
 * signed in to a real server process as demo staff, and the count of what a scenario
 * lost, duplicated or half-wrote (see tests/sync-faults.faults.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { signInResponseSchema } from '../../src/domain/auth-protocol.ts';
import type { FieldMap } from '../../src/domain/merge.ts';
import { openTestStore, sampleIntake, type TestStore } from '../../src/data/case-store.testing.ts';
import { createHttpTransport } from '../../src/sync/http-transport.ts';
import { createLocalSyncPorts, readLocalSyncCounts } from '../../src/sync/local-sync.ts';
import { runSync } from '../../src/sync/sync-run.ts';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { signedDeviceFields } from './device-keys.ts';
import type { ScenarioResult } from './fault-results.ts';

export { printResults, type ScenarioResult } from './fault-results.ts';

export const DAY_MS = 86_400_000;

export interface Tablet {
  readonly store: TestStore;
  sync(baseUrl?: string): Promise<unknown>;
}

/** `serverUrl` signs her in; `sync(baseUrl)` may go another way (a proxy, another server). */
export async function openTablet(
  serverUrl: string,
  username: string,
  timeOffsetMs = 0,
): Promise<Tablet> {
  const deviceId = randomUUID();
  const response = await fetch(`${serverUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      password: DEMO_PASSWORD,
      ...signedDeviceFields(username, deviceId),
    }),
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
    sync: (baseUrl = serverUrl) => {
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
  openTablets.push(tablet);
  return tablet;
}

/** A day's work: cases, each with a note now and then; every name and note unique. */
export async function saveWork(tablet: Tablet, label: string, index: number): Promise<void> {
  const saved = await tablet.store.cases.registerCase(
    sampleIntake({ survivorName: `${label} ${index}`, survivorPhone: null }),
  );
  if (index % 2 === 0) {
    await tablet.store.cases.addEntry(saved.id, 'note', { text: `${label} note ${index}` });
  }
}

/** Syncs on a good link until nothing waits; a run that fails is simply run again. */
export async function syncUntilSent(tablet: Tablet): Promise<void> {
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

export async function recordsOf(tablet: Tablet): Promise<Map<string, FieldMap>> {
  const { db } = tablet.store;
  const rows = [...(await db.cases.toArray()), ...(await db.entries.toArray())];
  return new Map(rows.map((row) => [row.id, row.fields]));
}

/** What only that save wrote: her name on a case, the text of a note. */
function markerOf(fields: FieldMap): string | null {
  const marker = fields.survivorName?.value ?? fields.text?.value;
  return typeof marker === 'string' ? marker : null;
}

/**
 * Drains the writers on a good link, pulls everything into a fresh tablet through
 * `serverUrl`, and counts, over every record the writers hold, what did not arrive whole.
 */
export async function compare(
  serverUrl: string,
  scenario: string,
  tried: number,
  writers: readonly Tablet[],
): Promise<ScenarioResult> {
  for (const writer of writers) await syncUntilSent(writer);
  const auditor = await openTablet(serverUrl, 'lko.counsellor');
  await syncUntilSent(auditor);
  // A pull that stopped part way would look like loss: pull until nothing more comes.
  await auditor.sync();
  const written = new Map<string, FieldMap>();
  for (const writer of writers)
    for (const [id, fields] of await recordsOf(writer)) written.set(id, fields);
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
  let refused = 0;
  for (const writer of writers) refused += (await readLocalSyncCounts(writer.store.db)).rejected;
  return { scenario, tried, lost, duplicated, halfWritten, refused };
}

const openTablets: Tablet[] = [];

export function closeTablets(): void {
  for (const tablet of openTablets.splice(0)) tablet.store.db.close();
}
