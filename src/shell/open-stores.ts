// The seam between the app and src/data: opens the tablet's store and knows who is signed
// in on it. The session is local (src/data/session.ts), so a tablet opens offline as the
// last person who signed in; only signing in needs the server.
import type { SignInResponse } from '../domain/auth-protocol.ts';
import { DEFAULT_LOCK_IDLE_MINUTES } from '../domain/lock-settings.ts';
import type { HybridClock } from '../domain/hlc.ts';
import type { CentreLetterhead } from '../domain/referral-letter.ts';
import { StoreError, type CaseStore } from '../data/case-store.ts';
import type { SakhiDatabase } from '../data/database.ts';
import { ensureDeviceKey } from '../data/device-key-store.ts';
import { clearErasedNotice, readErasedNotice, type ErasedNotice } from '../data/wipe-tablet.ts';
import { openKeyVault, type ChangePinResult, type EnrolledUser } from '../data/key-vault.ts';
import { decodeBase64url } from '../domain/base64url.ts';
import { openLocalStore, type LocalStoreOptions, type UnsealedStore } from '../data/local-store.ts';
import { sessionFromSignIn, staffOfSession, type SignedInSession } from '../data/session.ts';
import {
  readLastFullSyncAt,
  readLastSyncAt,
  readSyncCounts,
  type SyncCounts,
} from '../data/sync-state.ts';
import type { DeviceKeyPair } from '../platform/device-key.ts';
import { requestSignOut } from './sign-out-client.ts';
import { fetchServerIsDemo } from './server-health.ts';
import type { Stores } from './stores.ts';

export interface Tablet {
  /** This tablet's id (device.ts), sent at sign-in. */
  readonly deviceId: string;
  /**
   * This tablet's device key (data/device-key-store.ts), which signs every sign-in; null
   * when it could not be made or read, and then no one can sign in here.
   */
  readonly deviceKey: DeviceKeyPair | null;
  /** What a remote wipe left for her to read ("this tablet was erased"), or null. */
  readErasedNotice(): Promise<ErasedNotice | null>;
  clearErasedNotice(): Promise<void>;
  /**
   * Headquarters revoked this tablet: sends what the outbox holds (sealed, signed), then
   * erases everything and leaves the notice. Rejects, erasing nothing, when headquarters
   * could not be reached. Open the tablet again afterwards: it has a new device id.
   */
  wipeAfterRevocation(): Promise<void>;
  /** Someone has a PIN here (and ten wrong PINs have not wiped them): open on the unlock screen. */
  readonly opensLocked: boolean;
  /** The staff with a PIN on this tablet, names only: the unlock screen's list. */
  listEnrolledStaff(): Promise<readonly EnrolledUser[]>;
  /** Her PIN unwraps the data key and opens her stores, with her own session (session.ts). */
  unlockWithPin(userId: string, pin: string): Promise<PinUnlock>;
  /** Whether she already has a PIN here: after a password sign-in she then sets none. */
  hasPin(userId: string): Promise<boolean>;
  /**
   * After a password sign-in: wraps the answer's data key under her new PIN (null: she has
   * one here already), pins headquarters' sealing key, and opens her stores.
   */
  openWithSignIn(response: SignInResponse, pin: string | null): Promise<Stores>;
  /** Re-wraps the data key under a new PIN for whoever is unlocked. */
  changePin(oldPin: string, newPin: string): Promise<ChangePinResult>;
  /**
   * Before staff of another centre signs in: the changes still waiting for headquarters,
   * and the erase of this centre's data and every PIN here — false, nothing erased, while
   * any change waits.
   */
  readonly centreSwitch: {
    countPendingChanges(): Promise<number>;
    eraseCentreData(): Promise<boolean>;
  };
  /** Null while locked, and when no one is signed in here: first start, or after a sign-out. */
  readonly stores: Stores | null;
  /**
   * After the server accepted her password: keeps the session and opens her stores, sealed
   * under `dataKey` (the tablet's data key); without one, the tablet must be unlocked.
   */
  openSignedIn(response: SignInResponse, dataKey?: Uint8Array): Promise<Stores>;
  /** Opens the sealed stores with the data key; null stores when no one is signed in. */
  unlock(dataKey: Uint8Array): Promise<Stores | null>;
  /** Forgets the key and every case held in memory; `stores` is null until unlock. */
  lock(): void;
  /**
   * Forgets the session here, and tells the server when online. Never touches cases,
   * entries, drafts or the outbox: work not yet sent survives a sign-out and goes up after
   * the next sign-in.
   */
  signOut(): Promise<void>;
  /** What the server said last time (false until it has said anything). */
  readServerIsDemo(): Promise<boolean>;
  /** Asks the server (online only) and remembers its answer; null if it could not be asked. */
  checkServerIsDemo(): Promise<boolean | null>;
  /**
   * The server no longer accepts the session (expired or ended): forget it here, and only
   * it, so she signs in again and every unsent change goes up then.
   */
  forgetSession(): Promise<void>;
  /** For the status line: changes waiting, refused, conflicts open, last successful sync. */
  readSyncView(): Promise<SyncView>;
  /** Called after every save through the stores; returns the unsubscribe. */
  onSaved(listener: () => void): () => void;
  /**
   * What the sync engine runs over (src/sync/tablet-sync.ts), loaded after the first screen.
   * While locked its database is the keyless one, which refuses sealed rows (`locked`).
   */
  readonly syncSource: SyncSource;
}

export type PinUnlock =
  | { readonly outcome: 'unlocked'; readonly stores: Stores }
  /** Her PIN was right but she has no session here any more: she signs in with her password. */
  | { readonly outcome: 'no_session' }
  | { readonly outcome: 'wrong_pin'; readonly attemptsLeft: number }
  | { readonly outcome: 'locked_out' };

export interface SyncView extends SyncCounts {
  readonly lastSyncAt: string | null;
  /** The last run that pushed and pulled: null until this tablet first holds the centre's cases. */
  readonly lastFullSyncAt: string | null;
}

export interface SyncSource {
  readonly db: SakhiDatabase;
  readonly clock: HybridClock;
  readonly deviceId: string;
}

export async function openTablet(
  options: LocalStoreOptions & { readonly dataKey?: Uint8Array } = {},
): Promise<Tablet> {
  const local = await openLocalStore(options);
  let unsealed: UnsealedStore | null = null;
  let stores: Stores | null = null;
  /** Whose PIN (or password) opened the stores; null while locked. */
  let unlockedUserId: string | null = null;
  const savedListeners = new Set<() => void>();
  const notifySaved = () => savedListeners.forEach((listener) => listener());
  const deviceKey = await ensureDeviceKey(local.database).catch((error: unknown) => {
    console.warn('Sakhi: the device key could not be made or read', error);
    return null;
  });
  const vault = openKeyVault(local.database);
  const enrolledStaff = () => vault.enrolledUsers();
  const lock = () => {
    unlockedUserId = null;
    unsealed?.lock();
    unsealed = null;
    stores = null;
  };
  const unlock = async (dataKey: Uint8Array) => {
    lock();
    unsealed = await local.unseal(dataKey);
    const session = await unsealed.readSession();
    stores = session ? storesOf(unsealed, session, notifySaved, enrolledStaff) : null;
    return stores;
  };
  if (options.dataKey) await unlock(options.dataKey);
  const opensLocked =
    !options.dataKey && !(await vault.isLockedOut()) && (await vault.enrolledUsers()).length > 0;
  const openWithKey = async (response: SignInResponse, dataKey: Uint8Array) => {
    const opened = await openSignedIn(response, dataKey);
    unlockedUserId = response.user.id;
    return opened;
  };
  const openSignedIn = async (response: SignInResponse, dataKey?: Uint8Array) => {
    if (dataKey) await unlock(dataKey);
    const opened = unsealed;
    if (!opened) throw new RangeError('the tablet is locked: sign-in needs the data key');
    const signedIn = sessionFromSignIn(response);
    const signedInStores = storesOf(opened, signedIn, notifySaved, enrolledStaff);
    // The sign-in client refuses headquarters accounts before this; never keep one.
    if (!signedInStores) throw new RangeError('a headquarters account has no centre to work on');
    await opened.startSession(signedIn, Date.parse(response.serverTime));
    stores = signedInStores;
    return signedInStores;
  };
  return {
    deviceId: local.device.id,
    deviceKey,
    opensLocked,
    readErasedNotice: () => readErasedNotice(local.database),
    clearErasedNotice: () => clearErasedNotice(local.database),
    wipeAfterRevocation: async () => {
      // Loaded only when it is needed: a wipe is rare, and the first screen stays small.
      const { wipeAfterRevocation } = await import('../sync/wipe-after-revocation.ts');
      await wipeAfterRevocation({
        db: local.database,
        clock: local.clock,
        deviceId: local.device.id,
        baseUrl: '',
        ...(unsealed ? { unsealed: unsealed.database } : {}),
      });
      lock();
      local.close();
    },
    listEnrolledStaff: () => vault.enrolledUsers(),
    hasPin: async (userId) => (await vault.enrolledUsers()).some((user) => user.userId === userId),
    unlockWithPin: async (userId, pin) => {
      const result = await vault.unlock(userId, pin);
      if (!result.ok) {
        if (result.reason === 'wrong_pin') {
          return { outcome: 'wrong_pin', attemptsLeft: result.attemptsLeft };
        }
        return result.reason === 'locked_out'
          ? { outcome: 'locked_out' }
          : { outcome: 'no_session' };
      }
      await unlock(result.dataKey);
      const opened = unsealed;
      const session = opened ? await opened.activateSession(userId) : null;
      stores = opened && session ? storesOf(opened, session, notifySaved, enrolledStaff) : null;
      if (!stores) {
        lock();
        return { outcome: 'no_session' };
      }
      unlockedUserId = userId;
      return { outcome: 'unlocked', stores };
    },
    openWithSignIn: async (response, pin) => {
      const dataKey = decodeBase64url(response.dataKey);
      if (!dataKey) throw new RangeError('the sign-in answer has no readable data key');
      await vault.pinSealingKey(response.sealingKey);
      if (pin !== null) {
        await vault.enrol(
          {
            id: response.user.id,
            username: response.user.username,
            displayName: response.user.displayName,
            centreId: response.user.centreId,
          },
          pin,
          dataKey,
        );
      }
      return openWithKey(response, dataKey);
    },
    changePin: (oldPin, newPin) => {
      if (unlockedUserId === null) return Promise.resolve({ ok: false, reason: 'not_enrolled' });
      return vault.changePin(unlockedUserId, oldPin, newPin);
    },
    centreSwitch: {
      countPendingChanges: async () => {
        const counts = await readSyncCounts(local.database);
        return counts.waiting + counts.rejected;
      },
      eraseCentreData: async () => {
        lock();
        try {
          await local.eraseCentreData();
        } catch (error) {
          if (error instanceof StoreError && error.code === 'outbox_not_empty') return false;
          throw error;
        }
        await vault.destroyAll();
        return true;
      },
    },
    get stores() {
      return stores;
    },
    openSignedIn,
    unlock,
    lock,
    signOut: async () => {
      const ended = unsealed ? await unsealed.readSession() : null;
      await unsealed?.endSession();
      // Signed out, she no longer opens this tablet with her PIN either.
      if (ended) await vault.forget(ended.user.id);
      stores = null;
      lock();
      if (ended && navigator.onLine) void requestSignOut(ended.token);
    },
    readServerIsDemo: () => local.readServerIsDemo(),
    checkServerIsDemo: async () => {
      if (!navigator.onLine) return null;
      const isDemo = await fetchServerIsDemo();
      if (isDemo !== null) await local.rememberServerIsDemo(isDemo);
      return isDemo;
    },
    forgetSession: async () => {
      await unsealed?.endSession();
      stores = null;
    },
    readSyncView: async () => ({
      ...(await readSyncCounts(local.database)),
      lastSyncAt: await readLastSyncAt(local.database),
      lastFullSyncAt: await readLastFullSyncAt(local.database),
    }),
    onSaved: (listener) => {
      savedListeners.add(listener);
      return () => savedListeners.delete(listener);
    },
    get syncSource() {
      return {
        db: unsealed?.database ?? local.database,
        clock: local.clock,
        deviceId: local.device.id,
      };
    },
  };
}

function storesOf(
  unsealed: UnsealedStore,
  session: SignedInSession,
  notifySaved: () => void,
  enrolledStaff: () => Promise<readonly EnrolledUser[]>,
): Stores | null {
  const staff = staffOfSession(session);
  if (!staff) return null;
  return {
    caseStore: notifyingSaves(unsealed.caseStore(staff, session.deviceTag), notifySaved),
    draftStore: unsealed.drafts,
    staff,
    readSessionToken: () => Promise.resolve(session.token),
    idleLockMinutes: session.idleLockMinutes ?? DEFAULT_LOCK_IDLE_MINUTES,
    centre: letterheadOf(session),
    centreStaff: session.centreDetails?.staff ?? [],
    readStaffNames: async () => {
      const names = new Map<string, string>();
      for (const member of session.centreDetails?.staff ?? []) {
        names.set(member.id, member.displayName);
      }
      for (const user of await enrolledStaff()) names.set(user.userId, user.displayName);
      return names.set(staff.userId, staff.displayName);
    },
    // The report's reading and counting load with the report screen, not with the first one.
    readCentreReport: (period, asOf) => unsealed.readCentreReport(staff, period, asOf),
    // The sync status screen's store loads with that screen, not with the first one.
    openSyncReview: async () => {
      const { openSyncReviewStore } = await import('../data/sync-review.ts');
      const review = openSyncReviewStore(unsealed.storeOptions(staff, session.deviceTag));
      return {
        ...review,
        retryRejected: (mutationId) => afterSave(review.retryRejected(mutationId), notifySaved),
        resolveConflict: (conflictId, resolution) =>
          afterSave(review.resolveConflict(conflictId, resolution), notifySaved),
      };
    },
  };
}

/**
 * The store, telling `notifySaved` after each save, so sync runs soon after a save.
 * Wrapping here rather than in src/data keeps the data layer unaware of sync,
 * and every screen's save passes through it: screens only ever get this store.
 */
function notifyingSaves(store: CaseStore, notifySaved: () => void): CaseStore {
  return {
    ...store,
    registerCase: (intake) => afterSave(store.registerCase(intake), notifySaved),
    updateCase: (caseId, changes) => afterSave(store.updateCase(caseId, changes), notifySaved),
    removeCase: (caseId) => afterSave(store.removeCase(caseId), notifySaved),
    addEntry: (caseId, entryType, input) =>
      afterSave(store.addEntry(caseId, entryType, input), notifySaved),
    updateEntry: (entryType, entryId, changes) =>
      afterSave(store.updateEntry(entryType, entryId, changes), notifySaved),
    removeEntry: (entryType, entryId) =>
      afterSave(store.removeEntry(entryType, entryId), notifySaved),
  };
}

async function afterSave<T>(save: Promise<T>, notifySaved: () => void): Promise<T> {
  const result = await save;
  notifySaved();
  return result;
}

/**
 * What a letter can say of her centre, as her last sign-in brought it; a session kept
 * before sign-in brought the address and phone says they are missing.
 */
function letterheadOf(session: SignedInSession): CentreLetterhead {
  return {
    nameHi: session.centre?.nameHi ?? '',
    nameEn: session.centre?.nameEn ?? '',
    address: session.centreDetails?.address ?? null,
    phone: session.centreDetails?.phone ?? null,
  };
}
