import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleIntake } from '../data/case-store.testing.ts';
import { openLocalStore } from '../data/local-store.ts';
import { testDataKey } from '../data/sealed-database.testing.ts';
import { sessionFromSignIn, staffOfSession } from '../data/session.ts';
import { sampleSignInResponse } from '../data/session.testing.ts';
import { openTablet } from '../shell/open-stores.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import { holdRequests, pageWithAnotherTabletsCase, settle } from './held-server.testing.ts';
import { startPageSync } from './page-sync.ts';

let databaseCount = 0;

/** A signed-in tablet over its own fake-indexeddb database, with `caseCount` unsent cases. */
async function signedInTablet(caseCount = 0) {
  const databaseName = `sakhi-page-sync-${Date.now()}-${++databaseCount}`;
  const local = await openLocalStore({ databaseName });
  const session = sessionFromSignIn(sampleSignInResponse({ deviceId: local.device.id }));
  const unsealed = await local.unseal(testDataKey);
  await unsealed.startSession(session, Date.now());
  const cases = unsealed.caseStore(staffOfSession(session)!, session.deviceTag);
  for (let n = 0; n < caseCount; n += 1) await cases.registerCase(sampleIntake());
  unsealed.lock();
  local.close();
  const tablet = await openTablet({ databaseName, dataKey: testDataKey });
  return { tablet, databaseName };
}

/** What the tablet's store holds, read afresh with the data key. */
async function readStore(databaseName: string) {
  const local = await openLocalStore({ databaseName });
  const unsealed = await local.unseal(testDataKey);
  const held = {
    cases: await unsealed.database.cases.count(),
    outbox: await unsealed.database.outbox.toArray(),
  };
  unsealed.lock();
  local.close();
  return held;
}

function holdSync() {
  const server = holdRequests(['/api/sync/push', '/api/sync/pull']);
  vi.stubGlobal('fetch', server.fetch);
  return server;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('startPageSync(...).stop()', () => {
  it('cancels the request in flight and settles once the run has ended: a pull answered later stores nothing', async () => {
    const { tablet, databaseName } = await signedInTablet();
    const server = holdSync();
    const statuses: SyncStatus[] = [];
    const pageSync = startPageSync(tablet.syncSource, (status) => statuses.push(status));
    const pull = await server.nextRequest('/api/sync/pull');
    const statusesBeforeStop = statuses.length;

    await pageSync.stop();
    expect(pull.signal?.aborted).toBe(true);
    // Too late: the server answers after she signed out.
    pull.answer(pageWithAnotherTabletsCase());
    await settle();

    expect(server.events).toEqual(['POST /api/sync/pull', 'abort /api/sync/pull']);
    // Nothing a stopped run met is news to the screens.
    expect(statuses).toHaveLength(statusesBeforeStop);
    tablet.lock();
    expect((await readStore(databaseName)).cases).toBe(0);
  });

  it('keeps a change whose push was in flight in the outbox, for the next sign-in to send', async () => {
    const { tablet, databaseName } = await signedInTablet(1);
    const [waiting] = (await readStore(databaseName)).outbox;
    const server = holdSync();
    const pageSync = startPageSync(tablet.syncSource, () => {});
    const push = await server.nextRequest('/api/sync/push');

    await pageSync.stop();
    expect(push.signal?.aborted).toBe(true);
    push.answer({ serverTime: new Date().toISOString(), applied: 1, duplicates: [], rejected: [] });
    await settle();

    tablet.lock();
    // Sent again at the next sign-in, under the same id: the server takes it once.
    expect((await readStore(databaseName)).outbox.map((row) => row.id)).toEqual([waiting!.id]);
  });
});
