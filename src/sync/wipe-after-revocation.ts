/**
 * What the tablet does when any request answers `device_revoked` (page sync, sign-in, the
 * worker's locked push): it pushes what its outbox holds through the sealed push, then
 * wipes itself (src/data/wipe-tablet.ts) and leaves a notice the page shows.
 *
 * What must always hold:
 * - The wipe comes only after a sealed push was tried, under the device lock, so no other
 *   run writes between the push and the wipe. Whatever did not go up (refused, never
 *   sealed, or refused with the rest because the device is revoked) is counted in the
 *   notice, never silently lost.
 * - A push that could not reach the server (offline, server error) wipes nothing: the
 *   next contact, answered `device_revoked` again, tries again.
 */
import type { SakhiDatabase } from '../data/database.ts';
import { wipeTablet, type ErasedNotice } from '../data/wipe-tablet.ts';
import { browserDeviceLock } from '../platform/device-lock.ts';
import { pushLockedOutboxHeld, type LockedPushOptions } from './locked-push.ts';
import { sealOutboxForServer } from './outbox-sealing.ts';
import { SyncError } from './sync-ports.ts';
import { syncLockName } from './tablet-sync.ts';

export interface WipeAfterRevocationOptions extends LockedPushOptions {
  /**
   * The unlocked app's database, when a key is in memory: its rows without a box get one
   * first, so they go up too. Lock it (close it) once this resolves.
   */
  readonly unsealed?: SakhiDatabase;
}

/** Rejects with the push's SyncError when it could not reach headquarters (nothing wiped). */
export function wipeAfterRevocation(options: WipeAfterRevocationOptions): Promise<ErasedNotice> {
  const withDeviceLock = options.withDeviceLock ?? browserDeviceLock();
  return withDeviceLock(syncLockName, async () => {
    if (options.unsealed) {
      await sealOutboxForServer({ db: options.unsealed, deviceId: options.deviceId });
    }
    try {
      await pushLockedOutboxHeld(options);
    } catch (error) {
      if (!(error instanceof SyncError) || error.isTransient) throw error;
      // device_revoked (the server refuses a revoked tablet's push) or a key it does not
      // know: nothing more can go up from this tablet.
    }
    return wipeTablet(options.db);
  });
}

/**
 * The message the service worker posts to every open page after it wiped the tablet:
 * `{ type: tabletErasedMessage }`. The page drops what it shows and reads the notice.
 */
export const tabletErasedMessage = 'sakhi-tablet-erased';
