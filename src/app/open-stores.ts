// The seam between the app and src/data: opens the tablet's store and knows who is signed
// in on it. The session is local (src/data/session.ts), so a tablet opens offline as the
// last person who signed in; only signing in needs the server.
import type { SignInResponse } from '../domain/auth-protocol.ts';
import { openLocalStore, type LocalStore, type LocalStoreOptions } from '../data/local-store.ts';
import { sessionFromSignIn, staffOfSession, type SignedInSession } from '../data/session.ts';
import { requestSignOut } from '../features/account/sign-out-client.ts';
import { fetchServerIsDemo } from './server-health.ts';
import type { Stores } from './stores.ts';

export interface Tablet {
  /** This tablet's id (device.ts), sent at sign-in. */
  readonly deviceId: string;
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
}

export async function openTablet(options: LocalStoreOptions = {}): Promise<Tablet> {
  const local = await openLocalStore(options);
  const session = await local.readSession();
  return {
    deviceId: local.device.id,
    stores: session ? storesOf(local, session) : null,
    openSignedIn: async (response) => {
      const signedIn = sessionFromSignIn(response);
      const stores = storesOf(local, signedIn);
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
  };
}

function storesOf(local: LocalStore, session: SignedInSession): Stores | null {
  const staff = staffOfSession(session);
  if (!staff) return null;
  return {
    caseStore: local.caseStore(staff, session.deviceTag),
    draftStore: local.drafts,
    staff,
  };
}
