// The seam between the app and src/data: opens the tablet's store and knows who is signed
// in on it. The session is local (src/data/session.ts), so a tablet opens offline as the
// last person who signed in; only signing in needs the server.
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { HybridClock } from '../domain/hlc.ts';
import type { CaseStore } from '../data/case-store.ts';
import type { SakhiDatabase } from '../data/database.ts';
import { ensureDeviceKey } from '../data/device-key-store.ts';
import { openLocalStore, type LocalStore, type LocalStoreOptions } from '../data/local-store.ts';
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
  /** Null when no one is signed in here: first start, or after a sign-out. */
  readonly stores: Stores | null;
  /** After the server accepted her password: keeps the session and opens her stores. */
  openSignedIn(response: SignInResponse): Promise<Stores>;
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
  /** What the sync engine runs over (src/sync/tablet-sync.ts), loaded after the first screen. */
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

export async function openTablet(options: LocalStoreOptions = {}): Promise<Tablet> {
  const local = await openLocalStore(options);
  const session = await local.readSession();
  const savedListeners = new Set<() => void>();
  const notifySaved = () => savedListeners.forEach((listener) => listener());
  const deviceKey = await ensureDeviceKey(local.database).catch((error: unknown) => {
    console.warn('Sakhi: the device key could not be made or read', error);
    return null;
  });
  return {
    deviceId: local.device.id,
    deviceKey,
    stores: session ? storesOf(local, session, notifySaved) : null,
    openSignedIn: async (response) => {
      const signedIn = sessionFromSignIn(response);
      const stores = storesOf(local, signedIn, notifySaved);
      // The sign-in client refuses headquarters accounts before this; never keep one.
      if (!stores) throw new RangeError('a headquarters account has no centre to work on');
      await local.startSession(signedIn, Date.parse(response.serverTime));
      return stores;
    },
    signOut: async () => {
      const ended = await local.readSession();
      await local.endSession();
      if (ended && navigator.onLine) void requestSignOut(ended.token);
    },
    readServerIsDemo: () => local.readServerIsDemo(),
    checkServerIsDemo: async () => {
      if (!navigator.onLine) return null;
      const isDemo = await fetchServerIsDemo();
      if (isDemo !== null) await local.rememberServerIsDemo(isDemo);
      return isDemo;
    },
    forgetSession: () => local.endSession(),
    readSyncView: async () => ({
      ...(await readSyncCounts(local.database)),
      lastSyncAt: await readLastSyncAt(local.database),
    }),
    onSaved: (listener) => {
      savedListeners.add(listener);
      return () => savedListeners.delete(listener);
    },
    syncSource: { db: local.database, clock: local.clock, deviceId: local.device.id },
  };
}

function storesOf(
  local: LocalStore,
  session: SignedInSession,
  notifySaved: () => void,
): Stores | null {
  const staff = staffOfSession(session);
  if (!staff) return null;
  const device = { ...local.device, tag: session.deviceTag };
  return {
    caseStore: notifyingSaves(local.caseStore(staff, session.deviceTag), notifySaved),
    draftStore: local.drafts,
    staff,
    readSessionToken: () => Promise.resolve(session.token),
    // The sync status screen's store loads with that screen, not with the first one.
    openSyncReview: async () => {
      const { openSyncReviewStore } = await import('../data/sync-review.ts');
      const review = openSyncReviewStore({ db: local.database, staff, device, clock: local.clock });
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
