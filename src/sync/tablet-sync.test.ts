import { describe, expect, it, vi } from 'vitest';
import { openTestStore, sampleIntake, type TestStore } from '../data/case-store.testing.ts';
import { saveSession, sessionFromSignIn } from '../data/session.ts';
import { sampleSignInResponse } from '../data/session.testing.ts';
import { readLastFullSyncAt, readLastSyncAt } from '../data/sync-state.ts';
import { inProcessDeviceLock, type WithDeviceLock } from '../platform/device-lock.ts';
import { SyncError } from './sync-ports.ts';
import { openTabletSync, syncLockName } from './tablet-sync.ts';

const serverTime = '2026-03-10T05:00:00.000Z';

function answeringServer() {
  const seen: { path: string; authorization: string | null }[] = [];
  let running = 0;
  let overlapped = false;
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    running += 1;
    overlapped ||= running > 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    const headers = new Headers(init?.headers);
    seen.push({ path: url, authorization: headers.get('authorization') });
    const body = url.endsWith('/push')
      ? { serverTime, applied: 0, duplicates: [], rejected: [] }
      : { serverTime, groups: [], cursor: null, hasMore: false };
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return { fetch, seen, hasOverlapped: () => overlapped };
}

/** The tablet's sync over `store`, asking `server`. */
function syncOver(
  store: TestStore,
  server: ReturnType<typeof answeringServer>,
  withDeviceLock?: WithDeviceLock,
) {
  return openTabletSync({
    db: store.db,
    clock: store.clock,
    deviceId: store.device.id,
    baseUrl: '',
    fetch: server.fetch as unknown as typeof fetch,
    ...(withDeviceLock ? { withDeviceLock } : {}),
  });
}

describe('openTabletSync', () => {
  it('sends nothing while no one is signed in, and says so', async () => {
    const store = await openTestStore();
    await store.cases.registerCase(sampleIntake());
    const server = answeringServer();
    const sync = syncOver(store, server);
    const failure = await sync.run({ shouldPull: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as SyncError).code).toBe('session_expired');
    expect(server.fetch).not.toHaveBeenCalled();
    expect(await readLastSyncAt(store.db)).toBeNull();
  });

  it('sends the stored token, one run at a time, and records the successful sync', async () => {
    const store = await openTestStore();
    const session = sessionFromSignIn(sampleSignInResponse({ deviceId: store.device.id }));
    await saveSession(store.db, session);
    const server = answeringServer();
    const sync = syncOver(store, server, inProcessDeviceLock());
    await Promise.all([sync.run({ shouldPull: true }), sync.run({ shouldPull: true })]);
    expect(server.seen).toHaveLength(2);
    expect(server.seen.every((call) => call.path === '/api/sync/pull')).toBe(true);
    expect(server.seen[0]!.authorization).toBe(`Bearer ${session.token}`);
    expect(server.hasOverlapped()).toBe(false);
    expect(await readLastSyncAt(store.db)).not.toBeNull();
  });

  it('records a full sync only after a run that pulled too', async () => {
    const store = await openTestStore();
    await saveSession(
      store.db,
      sessionFromSignIn(sampleSignInResponse({ deviceId: store.device.id })),
    );
    const server = answeringServer();
    const sync = syncOver(store, server, inProcessDeviceLock());
    await sync.run({ shouldPull: false });
    expect(await readLastSyncAt(store.db)).not.toBeNull();
    expect(await readLastFullSyncAt(store.db)).toBeNull();
    await sync.run({ shouldPull: true });
    expect(await readLastFullSyncAt(store.db)).toBe(await readLastSyncAt(store.db));
  });

  it('stopped while waiting for the lock, ends at once and never touches the store or the server', async () => {
    const store = await openTestStore();
    await saveSession(
      store.db,
      sessionFromSignIn(sampleSignInResponse({ deviceId: store.device.id })),
    );
    await store.cases.registerCase(sampleIntake());
    const server = answeringServer();
    const withDeviceLock = inProcessDeviceLock();
    let releaseLock: () => void = () => undefined;
    // Another runner (the worker's push, say) holds the lock.
    void withDeviceLock(
      syncLockName,
      () => new Promise<void>((resolve) => (releaseLock = resolve)),
    );
    const sync = syncOver(store, server, withDeviceLock);
    const stopping = new AbortController();
    const run = sync.run({ shouldPull: true, signal: stopping.signal });
    stopping.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    releaseLock();
    await withDeviceLock(syncLockName, () => Promise.resolve());
    expect(server.fetch).not.toHaveBeenCalled();
    expect(await readLastSyncAt(store.db)).toBeNull();
    expect(await store.cases.countPendingChanges()).toBe(1);
  });
});
