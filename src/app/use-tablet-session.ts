// Whose stores the screens get. A tablet where someone has a PIN opens locked: her PIN
// unwraps the data key and opens her stores with her own session. A password sign-in
// (online) brings the data key from headquarters; she then sets a PIN, unless she has one
// here already. Locking (idle, hidden, "Switch user") forgets the key and every case held
// in memory. Sign-out and a session the server refused only ever forget a session: every
// case and every unsent change stays, sealed, and goes up after the next sign-in. Before
// anything is forgotten or erased, the page's sync is stopped and its run in flight has
// ended (`stopSync`), so nothing that run still hears is written after it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { ErasedNotice } from '../data/wipe-tablet.ts';
import type { PinUnlock, Tablet } from '../shell/open-stores.ts';
import { navigate, paths } from '../shell/router.ts';
import type { Stores } from '../shell/stores.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';

export type StoresState =
  | { readonly state: 'opening' }
  | { readonly state: 'locked'; readonly tablet: Tablet }
  | { readonly state: 'signedOut'; readonly tablet: Tablet }
  /** Signed in with her password, with no PIN here yet: she chooses one before anything opens. */
  | { readonly state: 'settingPin'; readonly tablet: Tablet; readonly response: SignInResponse }
  | { readonly state: 'open'; readonly tablet: Tablet; readonly stores: Stores }
  /** Headquarters revoked the tablet and it erased itself: she reads why before anything else. */
  | { readonly state: 'erased'; readonly tablet: Tablet; readonly notice: ErasedNotice }
  | { readonly state: 'failed' };

export interface TabletSession {
  readonly stores: StoresState;
  /** The opened tablet, whether or not someone is signed in; null while opening or failed. */
  readonly tablet: Tablet | null;
  /** The server ended her session (she did not sign out): the sign-in screen says so. */
  readonly hasSessionEnded: boolean;
  readonly onSignedIn: (response: SignInResponse) => Promise<void>;
  readonly setPin: (pin: string) => Promise<void>;
  readonly unlockWithPin: (userId: string, pin: string) => Promise<PinUnlock>;
  /** Null unless her stores are open: there is nothing to lock. */
  readonly lockNow: (() => void) | null;
  /** From the unlock screen: another person, or after a lockout, signs in with a password. */
  readonly showSignIn: () => void;
  readonly signOut: () => void;
  readonly endRefusedSession: () => void;
  /** A request answered `device_revoked`: send what waits, erase, and say so. */
  readonly wipeRevoked: () => void;
  /** The tablet's, for the sign-in screen; the erase waits for a sync still ending. */
  readonly centreSwitch: Tablet['centreSwitch'] | null;
  /** After she read the erased notice: the tablet opens afresh, with a new device id. */
  readonly startAfresh: () => void;
}

/**
 * `signedInBefore`: she signed in on a first visit's own sign-in screen (FirstVisit.tsx),
 * before the app had loaded; the first opening carries on from that sign-in (her PIN next)
 * rather than asking for her password again.
 *
 * `stopSync`: stops the page's sync and settles once its run in flight has ended
 * (use-page-sync.ts).
 */
export function useTabletSession(
  open: () => Promise<Tablet>,
  signedInBefore: SignInResponse | null = null,
  stopSync: () => Promise<void> = () => Promise.resolve(),
): TabletSession {
  const [stores, setStores] = useState<StoresState>({ state: 'opening' });
  const [hasSessionEnded, setSessionEnded] = useState(false);
  // Opening again after a wipe makes a new device identity.
  const [openings, setOpenings] = useState(0);
  // Used by the first opening only: one after a wipe is a new tablet nobody signed in on.
  const pendingSignIn = useRef(signedInBefore);

  useEffect(() => {
    const opening = async (): Promise<StoresState> => {
      const tablet = await open();
      const notice = await tablet.readErasedNotice();
      if (notice) return { state: 'erased', tablet, notice };
      if (tablet.stores) return { state: 'open', tablet, stores: tablet.stores };
      const signedIn = pendingSignIn.current;
      pendingSignIn.current = null;
      if (signedIn) return afterSignIn(tablet, signedIn);
      return tablet.opensLocked ? { state: 'locked', tablet } : { state: 'signedOut', tablet };
    };
    opening().then(setStores, (error: unknown) => {
      console.warn('Sakhi: the store did not open', error);
      setStores({ state: 'failed' });
    });
  }, [open, openings]);

  const tablet = 'tablet' in stores ? stores.tablet : null;

  const onSignedIn = useCallback(
    async (response: SignInResponse) => {
      if (!tablet) return;
      setSessionEnded(false);
      setStores(await afterSignIn(tablet, response));
    },
    [tablet],
  );

  const setPin = useCallback(
    async (pin: string) => {
      if (stores.state !== 'settingPin') return;
      const opened = await stores.tablet.openWithSignIn(stores.response, pin);
      setStores({ state: 'open', tablet: stores.tablet, stores: opened });
    },
    [stores],
  );

  const unlockWithPin = useCallback(
    async (userId: string, pin: string) => {
      if (!tablet) return { outcome: 'locked_out' } as const;
      const result = await tablet.unlockWithPin(userId, pin);
      if (result.outcome === 'unlocked') {
        setStores({ state: 'open', tablet, stores: result.stores });
      } else if (result.outcome === 'no_session') {
        // Her PIN was right, but the server ended her session: her password, online.
        setSessionEnded(true);
        setStores({ state: 'signedOut', tablet });
      }
      return result;
    },
    [tablet],
  );

  const lock = useCallback(() => {
    if (!tablet) return;
    tablet.lock();
    // Whoever unlocks next starts on the case list, not on a case the last one had open.
    navigate(paths.cases, { replace: true });
    setStores({ state: 'locked', tablet });
  }, [tablet]);

  const showSignIn = useCallback(() => {
    if (tablet) setStores({ state: 'signedOut', tablet });
  }, [tablet]);

  const signOut = () => {
    if (!tablet) return;
    // A pull answered now is not written after her session is gone, nor does a refusal of
    // her ended session reach whoever signs in next.
    stopSync()
      .then(() => tablet.signOut())
      .then(
        () => {
          // The next person starts on the case list, not on a case the last one had open.
          navigate(paths.cases, { replace: true });
          return tablet
            .listEnrolledStaff()
            .then((enrolled) =>
              setStores(
                enrolled.length > 0 ? { state: 'locked', tablet } : { state: 'signedOut', tablet },
              ),
            );
        },
        (error: unknown) => {
          console.warn('Sakhi: sign-out failed', error);
          setStores({ state: 'failed' });
        },
      );
  };

  const endRefusedSession = useCallback(() => {
    if (!tablet) return;
    stopSync()
      .then(() => tablet.forgetSession())
      .then(
        () => {
          tablet.lock();
          navigate(paths.cases, { replace: true });
          setSessionEnded(true);
          setStores({ state: 'signedOut', tablet });
        },
        (error: unknown) => console.warn('Sakhi: could not forget the ended session', error),
      );
  }, [tablet, stopSync]);

  const reopen = useCallback(() => {
    navigate(paths.cases, { replace: true });
    setStores({ state: 'opening' });
    setOpenings((count) => count + 1);
  }, []);

  const wipeRevoked = useCallback(() => {
    if (!tablet) return;
    // The wipe waits for the device lock anyway; stopped first, the page's sync queues no
    // run behind it either.
    stopSync()
      .then(() => tablet.wipeAfterRevocation())
      .then(reopen, (error: unknown) =>
        // Headquarters could not be reached: nothing was erased. The page's sync stays
        // stopped; the worker's next push, or the next start, meets the revocation again.
        console.warn('Sakhi: the revoked tablet could not send its changes yet', error),
      );
  }, [tablet, reopen, stopSync]);

  // Signed out by locking first ("Switch user", then "another person"): the lock did not
  // wait for the sync it stopped, so the erase does.
  const centreSwitch = useMemo(
    () =>
      tablet && {
        countPendingChanges: () => tablet.centreSwitch.countPendingChanges(),
        eraseCentreData: () => stopSync().then(() => tablet.centreSwitch.eraseCentreData()),
      },
    [tablet, stopSync],
  );

  const startAfresh = useCallback(() => {
    if (!tablet) return;
    tablet.clearErasedNotice().then(reopen, (error: unknown) => {
      console.warn('Sakhi: could not clear the erased notice', error);
      setStores({ state: 'failed' });
    });
  }, [tablet, reopen]);

  return {
    stores,
    tablet,
    wipeRevoked,
    centreSwitch,
    startAfresh,
    hasSessionEnded,
    onSignedIn,
    setPin,
    unlockWithPin,
    lockNow: stores.state === 'open' ? lock : null,
    showSignIn,
    signOut,
    endRefusedSession,
  };
}

/** After her password sign-in: her stores open if she has a PIN here; otherwise she sets one first. */
async function afterSignIn(tablet: Tablet, response: SignInResponse): Promise<StoresState> {
  if (await tablet.hasPin(response.user.id)) {
    return { state: 'open', tablet, stores: await tablet.openWithSignIn(response, null) };
  }
  return { state: 'settingPin', tablet, response };
}

/**
 * Sync found the session no longer accepted by the server: back to sign-in. Sync, or the
 * service worker, found the tablet revoked: it sends what waits and erases itself.
 */
export function useEndRefusedSession(
  syncStatus: SyncStatus | null,
  session: Pick<TabletSession, 'endRefusedSession' | 'wipeRevoked'>,
): void {
  const { endRefusedSession, wipeRevoked } = session;
  const isSessionRefused = syncStatus?.lastErrorCode === 'session_expired';
  const isRevoked = syncStatus?.lastErrorCode === 'device_revoked';
  useEffect(() => {
    if (isSessionRefused) endRefusedSession();
  }, [isSessionRefused, endRefusedSession]);
  useEffect(() => {
    if (isRevoked) wipeRevoked();
  }, [isRevoked, wipeRevoked]);
}
