// @vitest-environment node
/**
 * The locked tablet's push, from a real outbox to what headquarters can open: the sealing
 * pass gives every saved row a box (src/sync/outbox-sealing.ts), and the locked push
 * (src/sync/locked-push.ts) sends the boxes without the data key and handles the answer as
 * the session push does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerSecrets } from '../server/services/server-secrets.ts';
import { openSealedBox } from '../server/services/sealed-box.ts';
import { decodeBase64url } from '../src/domain/base64url.ts';
import type { Mutation, PushResponse } from '../src/domain/protocol.ts';
import {
  DEVICE_REVOKED_HEADER,
  DEVICE_SIGNATURE_HEADER,
  sealedPushRequestSchema,
} from '../src/domain/sealed-push-protocol.ts';
import { openTestStore, sampleIntake, type TestStore } from '../src/data/case-store.testing.ts';
import { SakhiDatabase, type OutboxRow } from '../src/data/database.ts';
import { ensureDeviceKey } from '../src/data/device-key-store.ts';
import { openKeyVault } from '../src/data/key-vault.ts';
import { rawRows } from '../src/data/legacy-sealing.ts';
import { openLocalStore, type LocalStore } from '../src/data/local-store.ts';
import { openSyncOutbox } from '../src/data/sync-outbox.ts';
import { readLastSyncAt, readServerStampFloor } from '../src/data/sync-state.ts';
import { inProcessDeviceLock } from '../src/platform/device-lock.ts';
import { readErasedNotice } from '../src/data/wipe-tablet.ts';
import { boxesPerRound, pushLockedOutbox, stoodAside } from '../src/sync/locked-push.ts';
import { sealOutboxForServer } from '../src/sync/outbox-sealing.ts';
import type { SyncError } from '../src/sync/sync-ports.ts';
import { openTabletSync } from '../src/sync/tablet-sync.ts';
import { saveSession, sessionFromSignIn } from '../src/data/session.ts';
import { sampleSignInResponse } from '../src/data/session.testing.ts';
import { wipeAfterRevocation } from '../src/sync/wipe-after-revocation.ts';

const secrets = createServerSecrets();
const serverTime = '2026-03-10T05:10:00.000Z';
let databaseCount = 0;
let opened: { close(): void }[] = [];
afterEach(() => {
  for (const handle of opened) handle.close();
  opened = [];
});

/** A tablet signed in once (sealing key pinned, device key made) with an unlocked store. */
async function signedInTablet(): Promise<{ local: LocalStore; store: TestStore }> {
  const name = `sakhi-locked-${Date.now()}-${++databaseCount}`;
  const local = await openLocalStore({ databaseName: name });
  await ensureDeviceKey(local.database);
  await openKeyVault(local.database).pinSealingKey(secrets.sealingPublicKey);
  const store = await openTestStore({ name, device: local.device });
  opened.push(local, { close: () => store.db.close() });
  return { local, store };
}

async function saveCases(store: TestStore, names: readonly string[]) {
  const cases = [];
  for (const survivorName of names) {
    cases.push(await store.cases.registerCase(sampleIntake({ survivorName })));
    store.time += 1_000;
  }
  return cases;
}

function mutationOf({ id, recordType, recordId, caseId, fields }: OutboxRow): Mutation {
  return { id, recordType, recordId, caseId, fields };
}

function rawOutbox(local: LocalStore): Promise<Record<string, unknown>[]> {
  const raw = new SakhiDatabase(local.database.name, { rows: rawRows });
  opened.push(raw);
  return raw.table('outbox').orderBy('seq').toArray();
}

interface SentBody {
  readonly ids: string[];
  readonly signature: string | null;
  readonly json: Uint8Array<ArrayBuffer>;
}

/** Headquarters as the locked push meets it: keeps each request, answers with `answer`. */
function fakeHeadquarters(answer: (ids: string[]) => Response) {
  const sent: SentBody[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    let body = new Response(init?.body).body!;
    if (headers.get('content-encoding') === 'gzip') {
      body = body.pipeThrough(new DecompressionStream('gzip'));
    }
    const json = new Uint8Array(await new Response(body).arrayBuffer());
    const request = sealedPushRequestSchema.parse(JSON.parse(new TextDecoder().decode(json)));
    const ids = request.mutations.map((box) => box.id);
    sent.push({ ids, signature: headers.get(DEVICE_SIGNATURE_HEADER), json });
    return answer(ids);
  };
  return { fetch, sent };
}

const answer = (body: Omit<PushResponse, 'serverTime'>) =>
  new Response(JSON.stringify({ serverTime, ...body }), { status: 200 });

/** What every push and wipe here is given: this tablet's store, and headquarters. */
function toHeadquarters(local: LocalStore, fetch: typeof globalThis.fetch) {
  return {
    db: local.database,
    clock: local.clock,
    deviceId: local.device.id,
    baseUrl: 'https://hq.example',
    fetch,
  };
}

function lockedPush(local: LocalStore, fetch: typeof globalThis.fetch) {
  return pushLockedOutbox({
    ...toHeadquarters(local, fetch),
    withDeviceLock: inProcessDeviceLock(),
  });
}

describe('outbox rows sealed for headquarters', () => {
  it('gives every saved row a box that opens at headquarters to its mutation and writer', async () => {
    const { local, store } = await signedInTablet();
    const [sunita] = await saveCases(store, ['सुनीता देवी']);
    await store.cases.addEntry(sunita!.id, 'note', { text: 'पति ने धमकी दी' });

    expect(await sealOutboxForServer({ db: store.db, deviceId: local.device.id })).toBe(2);
    const rows = await store.db.outbox.orderBy('seq').toArray();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.savedBy).toBe(store.staff.userId);
      expect(openSealedBox(secrets, local.device.id, row.id, row.forServer!.box)).toEqual({
        userId: store.staff.userId,
        mutation: mutationOf(row),
      });
    }
    // A second pass finds nothing left to seal.
    expect(await sealOutboxForServer({ db: store.db, deviceId: local.device.id })).toBe(0);

    const stored = JSON.stringify(await rawOutbox(local));
    expect(stored).not.toMatch(/सुनीता|धमकी|"fields"/);
  });

  it('drops a box whose mutation was re-stamped, and seals the new stamps next pass', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['सुनीता देवी']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    store.time += 60_000;
    await openSyncOutbox({ db: store.db, clock: store.clock }).restampPending();
    const [restamped] = await store.db.outbox.toArray();
    expect(restamped!.forServer).toBeUndefined();

    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    const [row] = await store.db.outbox.toArray();
    expect(openSealedBox(secrets, local.device.id, row!.id, row!.forServer!.box)).toEqual({
      userId: store.staff.userId,
      mutation: mutationOf(row!),
    });
  });

  it('seals in the session sync run that finds the tablet offline, so the worker can send it', async () => {
    const { local, store } = await signedInTablet();
    await saveSession(
      store.db,
      sessionFromSignIn(sampleSignInResponse({ deviceId: local.device.id })),
    );
    await saveCases(store, ['कमला देवी']);
    const sync = openTabletSync({
      db: store.db,
      clock: store.clock,
      deviceId: local.device.id,
      baseUrl: '',
      withDeviceLock: inProcessDeviceLock(),
    });
    vi.stubGlobal('navigator', { onLine: false });
    try {
      const failure = await sync.run({ shouldPull: false }).catch((error: unknown) => error);
      expect((failure as SyncError).code).toBe('offline');
    } finally {
      vi.unstubAllGlobals();
    }
    const [row] = await store.db.outbox.toArray();
    expect(openSealedBox(secrets, local.device.id, row!.id, row!.forServer!.box)).toEqual({
      userId: store.staff.userId,
      mutation: mutationOf(row!),
    });
  });

  it('seals nothing before headquarters’ key is pinned', async () => {
    const { local, store } = await signedInTablet();
    await openKeyVault(local.database).destroyAll();
    await saveCases(store, ['सुनीता देवी']);
    expect(await sealOutboxForServer({ db: store.db, deviceId: local.device.id })).toBe(0);
  });
});

describe('the locked push beside a page that syncs by itself', () => {
  /** A tablet with two cases sealed for headquarters, the unlocked store closed. */
  async function tabletWithBoxes() {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक', 'दो']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    store.db.close();
    return local;
  }
  const acceptAll = () =>
    fakeHeadquarters((ids) => answer({ applied: ids.length, duplicates: [], rejected: [] }));

  it('stands aside without queuing for the device lock, sending and recording nothing', async () => {
    const local = await tabletWithBoxes();
    const headquarters = acceptAll();
    const lockRequests: string[] = [];
    const inProcess = inProcessDeviceLock();
    const result = await pushLockedOutbox({
      ...toHeadquarters(local, headquarters.fetch),
      withDeviceLock: (name, work) => {
        lockRequests.push(name);
        return inProcess(name, work);
      },
      isPageSyncing: () => Promise.resolve(true),
    });
    expect(result).toBe(stoodAside);
    expect(lockRequests).toEqual([]);
    expect(headquarters.sent).toEqual([]);
    expect(await rawOutbox(local)).toHaveLength(2);
    expect(await readLastSyncAt(local.database)).toBeNull();
  });

  it('stands aside when a page started syncing while it waited for the lock', async () => {
    const local = await tabletWithBoxes();
    const headquarters = acceptAll();
    let isPageOpen = false;
    const inProcess = inProcessDeviceLock();
    const result = await pushLockedOutbox({
      ...toHeadquarters(local, headquarters.fetch),
      // The page's run held the lock; by the time it is let go, the page syncs by itself.
      withDeviceLock: (name, work) => {
        isPageOpen = true;
        return inProcess(name, work);
      },
      isPageSyncing: () => Promise.resolve(isPageOpen),
    });
    expect(result).toBe(stoodAside);
    expect(headquarters.sent).toEqual([]);
    expect(await rawOutbox(local)).toHaveLength(2);
  });

  it('stands aside between rounds when a page starts syncing, leaving it the rest', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(
      store,
      Array.from({ length: boxesPerRound + 3 }, (_, index) => `केस ${index + 1}`),
    );
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    store.db.close();
    let isPageOpen = false;
    const headquarters = fakeHeadquarters((ids) => {
      // She unlocks the app while the first round crosses the link.
      isPageOpen = true;
      return answer({ applied: ids.length, duplicates: [], rejected: [] });
    });
    const result = await pushLockedOutbox({
      ...toHeadquarters(local, headquarters.fetch),
      withDeviceLock: inProcessDeviceLock(),
      isPageSyncing: () => Promise.resolve(isPageOpen),
    });
    expect(headquarters.sent.map((body) => body.ids.length)).toEqual([boxesPerRound]);
    expect(result).toEqual({ pushed: boxesPerRound, duplicates: 0, rejected: 0 });
    expect(await rawOutbox(local)).toHaveLength(3);
  });

  it('pushes every box when no page syncs', async () => {
    const local = await tabletWithBoxes();
    const headquarters = acceptAll();
    const result = await pushLockedOutbox({
      ...toHeadquarters(local, headquarters.fetch),
      withDeviceLock: inProcessDeviceLock(),
      isPageSyncing: () => Promise.resolve(false),
    });
    expect(result).toEqual({ pushed: 2, duplicates: 0, rejected: 0 });
    expect(await rawOutbox(local)).toEqual([]);
    expect(await readLastSyncAt(local.database)).not.toBeNull();
  });
});

describe('the locked push', () => {
  it('sends boxes in outbox order, signed, and stops at the first row without one', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक', 'दो']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    // Saved, and the app closed before the pass: no box.
    await saveCases(store, ['तीन']);
    const [first, second, unboxed] = await store.db.outbox.orderBy('seq').toArray();
    store.db.close();

    const headquarters = fakeHeadquarters((ids) =>
      answer({ applied: ids.length, duplicates: [], rejected: [] }),
    );
    expect(await lockedPush(local, headquarters.fetch)).toEqual({
      pushed: 2,
      duplicates: 0,
      rejected: 0,
    });
    expect(headquarters.sent.map((body) => body.ids)).toEqual([[first!.id, second!.id]]);
    const deviceKey = await ensureDeviceKey(local.database);
    const signature = decodeBase64url(headquarters.sent[0]!.signature ?? '')!;
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        deviceKey.publicKey,
        signature,
        headquarters.sent[0]!.json,
      ),
    ).toBe(true);
    expect((await rawOutbox(local)).map((row) => row.id)).toEqual([unboxed!.id]);
    expect(await readServerStampFloor(local.database)).toBe(
      Object.values(second!.fields)[0]!.stamp,
    );
  });

  it('handles the answer as the session push: applied and duplicates leave, refusals stay explained', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक', 'दो', 'तीन']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    const [applied, duplicate, refused] = await store.db.outbox.orderBy('seq').toArray();
    store.db.close();
    const reason = { hi: 'यह जानकारी सही नहीं है।', en: 'This detail is not valid.' };
    const headquarters = fakeHeadquarters(() =>
      answer({
        applied: 1,
        duplicates: [duplicate!.id],
        rejected: [{ mutationId: refused!.id, status: 'rejected', code: 'invalid_record', reason }],
      }),
    );

    expect(await lockedPush(local, headquarters.fetch)).toEqual({
      pushed: 1,
      duplicates: 1,
      rejected: 1,
    });
    // The refused row is out of the queue: nothing more is sent.
    expect(headquarters.sent.map((body) => body.ids)).toEqual([
      [applied!.id, duplicate!.id, refused!.id],
    ]);

    const unlocked = await openTestStore({ name: local.database.name, device: local.device });
    opened.push({ close: () => unlocked.db.close() });
    const outbox = openSyncOutbox({ db: unlocked.db, clock: unlocked.clock });
    const [rejected] = await outbox.listRejected();
    expect(rejected).toMatchObject({ code: 'invalid_record', reason });
    expect(rejected!.mutation).toEqual(mutationOf(refused!));
    // The reason arrived with no key to seal it; the next unlocked pass seals it.
    await sealOutboxForServer({ db: unlocked.db, deviceId: local.device.id });
    const [stored] = await rawOutbox(local);
    expect(JSON.stringify(stored)).not.toContain(reason.en);
    expect((await outbox.listRejected())[0]).toMatchObject({ code: 'invalid_record', reason });
  });
  it('leaves stamps refused as too far ahead waiting for the unlocked app to re-stamp', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    const [row] = await store.db.outbox.toArray();
    store.db.close();
    const reason = { hi: 'समय आगे है', en: 'Too far ahead' };
    const headquarters = fakeHeadquarters(() =>
      answer({
        applied: 0,
        duplicates: [],
        rejected: [
          { mutationId: row!.id, status: 'rejected', code: 'stamp_too_far_ahead', reason },
        ],
      }),
    );

    expect(await lockedPush(local, headquarters.fetch)).toMatchObject({ pushed: 0, rejected: 0 });
    expect(headquarters.sent).toHaveLength(1);
    const [stored] = await rawOutbox(local);
    expect(stored).toMatchObject({ id: row!.id, forServer: row!.forServer });
    expect(stored!.rejection).toBeUndefined();
  });
});

describe('after revocation', () => {
  const revoked = () =>
    new Response(
      JSON.stringify({
        error: { code: 'device_revoked', message: { hi: 'हटाया गया', en: 'Revoked' } },
        serverTime,
      }),
      { status: 403 },
    );

  function wipe(local: LocalStore, fetch: typeof globalThis.fetch, unsealed?: SakhiDatabase) {
    return wipeAfterRevocation({
      ...toHeadquarters(local, fetch),
      withDeviceLock: inProcessDeviceLock(),
      ...(unsealed ? { unsealed } : {}),
    });
  }

  it('seals and pushes what the outbox holds, then wipes and counts nothing lost', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक', 'दो']);
    const headquarters = fakeHeadquarters((ids) =>
      answer({ applied: ids.length, duplicates: [], rejected: [] }),
    );

    const notice = await wipe(local, headquarters.fetch, store.db);
    expect(headquarters.sent.flatMap((body) => body.ids)).toHaveLength(2);
    expect(notice).toMatchObject({ reason: 'device_revoked', unsent: 0 });
    expect(await readErasedNotice(local.database)).toEqual(notice);
    expect(await rawOutbox(local)).toEqual([]);
  });

  it('a revoked tablet’s worker sends every box, then is told to wipe', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक', 'दो', 'तीन']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    store.db.close();
    const headquarters = fakeHeadquarters(
      (ids) =>
        new Response(
          JSON.stringify({ serverTime, applied: ids.length, duplicates: [], rejected: [] }),
          {
            status: 200,
            headers: { [DEVICE_REVOKED_HEADER]: '1' },
          },
        ),
    );

    await expect(lockedPush(local, headquarters.fetch)).rejects.toMatchObject({
      code: 'device_revoked',
    });
    expect(headquarters.sent.flatMap((body) => body.ids)).toHaveLength(3);
    expect(await rawOutbox(local)).toEqual([]);
    expect(await wipe(local, headquarters.fetch)).toMatchObject({ unsent: 0 });
    expect(headquarters.sent).toHaveLength(1);
  });

  it('wipes after a refused push and counts what never went up', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक', 'दो']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    store.db.close();
    const headquarters = fakeHeadquarters(revoked);

    const notice = await wipe(local, headquarters.fetch);
    expect(headquarters.sent).toHaveLength(1);
    expect(notice).toMatchObject({ reason: 'device_revoked', unsent: 2 });
    expect(await rawOutbox(local)).toEqual([]);
  });

  it('wipes nothing when headquarters cannot be reached', async () => {
    const { local, store } = await signedInTablet();
    await saveCases(store, ['एक']);
    await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
    store.db.close();
    const unreachable = () => Promise.reject(new TypeError('network down'));

    await expect(wipe(local, unreachable)).rejects.toMatchObject({ code: 'offline' });
    expect(await rawOutbox(local)).toHaveLength(1);
    expect(await readErasedNotice(local.database)).toBeNull();
  });
});
