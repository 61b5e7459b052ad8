// The seam between the app and src/data: opens the tablet's store and knows who is signed
// in on it. The session is local (src/data/session.ts), so a tablet opens offline as the
// last person who signed in; only signing in needs the server.
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { HybridClock } from '../domain/hlc.ts';
import type { CaseStore } from '../data/case-store.ts';
import type { SakhiDatabase } from '../data/database.ts';
import { ensureDeviceKey } from '../data/device-key-store.ts';
import {
  openLocalStore,
  type ErasedCentreData,
  type LocalStoreOptions,
  type UnsealedStore,
} from '../data/local-store.ts';
import { sessionFromSignIn, staffOfSession, type SignedInSession } from '../data/session.ts';
import { readLastSyncAt, readSyncCounts, type SyncCounts } from '../data/sync-state.ts';
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
   * Erases the centre's data before another centre's staff signs in here; refuses
   * (`outbox_not_empty`) while changes wait for headquarters. Locks first.
   */
  eraseCentreData(): Promise<ErasedCentreData>;
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

export interface SyncView extends SyncCounts {
  readonly lastSyncAt: string | null;
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
  const savedListeners = new Set<() => void>();
  const notifySaved = () => savedListeners.forEach((listener) => listener());
  const deviceKey = await ensureDeviceKey(local.database).catch((error: unknown) => {
    console.warn('Sakhi: the device key could not be made or read', error);
    return null;
  });
  const lock = () => {
    unsealed?.lock();
    unsealed = null;
    stores = null;
  };
  const unlock = async (dataKey: Uint8Array) => {
    lock();
    unsealed = await local.unseal(dataKey);
    const session = await unsealed.readSession();
    stores = session ? storesOf(unsealed, session, notifySaved) : null;
    return stores;
  };
  if (options.dataKey) await unlock(options.dataKey);
  return {
    deviceId: local.device.id,
    deviceKey,
    get stores() {
      return stores;
    },
    openSignedIn: async (response, dataKey) => {
      if (dataKey) await unlock(dataKey);
      const opened = unsealed;
      if (!opened) throw new RangeError('the tablet is locked: sign-in needs the data key');
      const signedIn = sessionFromSignIn(response);
      const signedInStores = storesOf(opened, signedIn, notifySaved);
      // The sign-in client refuses headquarters accounts before this; never keep one.
      if (!signedInStores) throw new RangeError('a headquarters account has no centre to work on');
      await opened.startSession(signedIn, Date.parse(response.serverTime));
      stores = signedInStores;
      return signedInStores;
    },
    unlock,
    lock,
    eraseCentreData: () => {
      lock();
      return local.eraseCentreData();
    },
    signOut: async () => {
      const ended = unsealed ? await unsealed.readSession() : null;
      await unsealed?.endSession();
      stores = null;
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
): Stores | null {
  const staff = staffOfSession(session);
  if (!staff) return null;
  return {
    caseStore: notifyingSaves(unsealed.caseStore(staff, session.deviceTag), notifySaved),
    draftStore: unsealed.drafts,
    staff,
    readSessionToken: () => Promise.resolve(session.token),
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
