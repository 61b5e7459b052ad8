/**
 * The locked tablet's push: what the service worker runs when no data key is in memory
 * (the app locked or closed). It sends the outbox rows' boxes for headquarters
 * (outbox-sealing.ts) through the signed, sealed push (sealed-push.ts) and never pulls.
 *
 * What must always hold:
 * - Boxes go in outbox order, stopping at the first waiting row without one (a row saved
 *   just before the app closed waits for the next unlock), so no save overtakes an
 *   earlier one.
 * - The answer is handled exactly as the session push's (`pushInRounds`): applied and
 *   duplicate rows leave, refused rows stay explained. Stamps refused as too far ahead
 *   cannot be re-stamped without the key: those rows wait for the unlocked app.
 * - It runs under the same device lock as every sync run, so the page's session sync and
 *   the worker's locked push never overlap.
 * - It stands aside while a page of the app syncs by itself (page-sync-presence.ts): it
 *   neither queues behind that page's run nor makes the page wait behind its own rounds.
 * - A revoked tablet (headquarters says so in its answers) first sends every box it has,
 *   then the push rejects with `device_revoked`, so the caller wipes.
 */
import type { HybridClock } from '../domain/hlc.ts';
import type { SakhiDatabase } from '../data/database.ts';
import { readDeviceKey } from '../data/device-key-store.ts';
import { openLockedOutbox } from '../data/locked-outbox.ts';
import { readCorrectedNow } from '../data/stored-clock.ts';
import { openServerTimeStore, recordSyncSuccess } from '../data/sync-state.ts';
import { browserDeviceLock, type WithDeviceLock } from '../platform/device-lock.ts';
import { isPageSyncing as isAnyPageSyncing } from './page-sync-presence.ts';
import { pushSealed } from './sealed-push.ts';
import { SyncError } from './sync-ports.ts';
import { pushInRounds, type PushTotals } from './sync-run.ts';
import { syncLockName } from './tablet-sync.ts';

export interface LockedPushOptions {
  /** The keyless database (local-store.ts): device key, clock and clear rows. */
  readonly db: SakhiDatabase;
  readonly clock: HybridClock;
  readonly deviceId: string;
  /** '' for the worker's own origin. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly withDeviceLock?: WithDeviceLock;
  /**
   * True while a page of the app syncs by itself: the push then stands aside, before it
   * queues for the device lock, once it holds it, and between rounds. Default: a page
   * holds the presence lock (page-sync-presence.ts); never, where there are no Web Locks.
   */
  readonly isPageSyncing?: () => Promise<boolean>;
}

/** What `pushLockedOutbox` did when a page that syncs by itself was there to push instead. */
export const stoodAside = 'stood_aside';

/**
 * Boxes per round of the worker's push. A box is ~2 kB and does not compress, so a round is
 * ~30 kB, ~10 s up a 25 kbit/s link: the longest a page opened meanwhile waits for the
 * device lock before the worker stands aside (a full round of 500 would be minutes).
 */
export const boxesPerRound = 16;

/**
 * One locked push under the device lock, or `stoodAside` when a page that syncs by itself
 * is open before it sends anything. Rejects with a SyncError when it stops early:
 * `device_revoked` (wipe: wipe-after-revocation.ts), `bad_device_signature` (sign in
 * online first), or as the session push does.
 */
export async function pushLockedOutbox(
  options: LockedPushOptions,
): Promise<PushTotals | typeof stoodAside> {
  const withDeviceLock = options.withDeviceLock ?? browserDeviceLock();
  const isPageSyncing = options.isPageSyncing ?? (() => isAnyPageSyncing());
  if (await isPageSyncing()) return stoodAside;
  return withDeviceLock(syncLockName, async () => {
    // A page may have opened, or been unlocked, while this waited for the lock.
    if (await isPageSyncing()) return stoodAside;
    // Known offline: fail as the fetch would, without a request the browser logs as an error.
    if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) {
      throw new SyncError('offline', 'the tablet is offline');
    }
    const totals = await pushBoxes(options, {
      shouldStop: isPageSyncing,
      roundLimit: boxesPerRound,
    });
    await recordSyncSuccess(options.db, readCorrectedNow(options.clock), { hasPulled: false });
    return totals;
  });
}

/** The locked push for a caller that already holds the device lock: every box, no standing aside. */
export function pushLockedOutboxHeld(options: LockedPushOptions): Promise<PushTotals> {
  return pushBoxes(options, {
    shouldStop: () => Promise.resolve(false),
    roundLimit: Number.POSITIVE_INFINITY,
  });
}

/**
 * Rounds of at most `roundLimit` boxes until none is left, or until `shouldStop` says a
 * page has come to push the rest (its session push sends them compressed, and pulls).
 */
async function pushBoxes(
  options: LockedPushOptions,
  rounds: { readonly shouldStop: () => Promise<boolean>; readonly roundLimit: number },
): Promise<PushTotals> {
  const { db, clock, deviceId } = options;
  const deviceKey = await readDeviceKey(db);
  // Never signed in on this release: the server knows no key to check a signature with.
  if (deviceKey === null) return { pushed: 0, duplicates: 0, rejected: 0 };
  const outbox = await openLockedOutbox({
    databaseName: db.name,
    now: () => readCorrectedNow(clock),
  });
  const serverTime = openServerTimeStore(db, clock);
  let isDeviceRevoked = false;
  try {
    const totals = await pushInRounds({
      readPending: async (limit) =>
        (await rounds.shouldStop()) ? [] : outbox.readBoxes(Math.min(limit, rounds.roundLimit)),
      send: async (boxes) => {
        const sent = await pushSealed({
          baseUrl: options.baseUrl,
          deviceId,
          signingKey: deviceKey.privateKey,
          boxes,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        isDeviceRevoked ||= sent.isDeviceRevoked;
        return sent;
      },
      outbox,
      clock: serverTime,
      restampPending: null,
    });
    if (isDeviceRevoked) {
      throw new SyncError('device_revoked', 'headquarters revoked this tablet');
    }
    return totals;
  } catch (error) {
    // A refusal still tells the time: the next save after unlock is stamped right.
    if (error instanceof SyncError && error.serverTimeMs !== null) {
      await serverTime.adoptServerTime(error.serverTimeMs);
    }
    throw error;
  } finally {
    outbox.close();
  }
}
