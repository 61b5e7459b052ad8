// Whose stores the screens get: the tablet opens as the last person signed in on it, and
// goes back to sign-in on sign-out or when the server refuses the session. Both only ever
// forget the session: every case and every unsent change stays, and goes up after she
// signs in again.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { Tablet } from '../shell/open-stores.ts';
import { navigate, paths } from '../shell/router.ts';
import type { Stores } from '../shell/stores.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';

export type StoresState =
  | { readonly state: 'opening' }
  | { readonly state: 'signedOut'; readonly tablet: Tablet }
  | { readonly state: 'open'; readonly tablet: Tablet; readonly stores: Stores }
  | { readonly state: 'failed' };

export interface TabletSession {
  readonly stores: StoresState;
  /** The opened tablet, whether or not someone is signed in; null while opening or failed. */
  readonly tablet: Tablet | null;
  /** The server ended her session (she did not sign out): the sign-in screen says so. */
  readonly hasSessionEnded: boolean;
  readonly onSignedIn: (response: SignInResponse) => Promise<void>;
  readonly signOut: () => void;
  readonly endRefusedSession: () => void;
}

export function useTabletSession(open: () => Promise<Tablet>): TabletSession {
  const [stores, setStores] = useState<StoresState>({ state: 'opening' });
  const [hasSessionEnded, setSessionEnded] = useState(false);

  useEffect(() => {
    open().then(
      (tablet) =>
        setStores(
          tablet.stores
            ? { state: 'open', tablet, stores: tablet.stores }
            : { state: 'signedOut', tablet },
        ),
      (error: unknown) => {
        console.warn('Sakhi: the store did not open', error);
        setStores({ state: 'failed' });
      },
    );
  }, [open]);

  const tablet = stores.state === 'open' || stores.state === 'signedOut' ? stores.tablet : null;

  const onSignedIn = useCallback(
    async (response: SignInResponse) => {
      if (!tablet) return;
      const signedIn = await tablet.openSignedIn(response);
      setSessionEnded(false);
      setStores({ state: 'open', tablet, stores: signedIn });
    },
    [tablet],
  );

  const signOut = () => {
    if (!tablet) return;
    tablet.signOut().then(
      () => {
        // The next person starts on the case list, not on a case the last one had open.
        navigate(paths.cases, { replace: true });
        setStores({ state: 'signedOut', tablet });
      },
      (error: unknown) => {
        console.warn('Sakhi: sign-out failed', error);
        setStores({ state: 'failed' });
      },
    );
  };

  const endRefusedSession = useCallback(() => {
    if (!tablet) return;
    tablet.forgetSession().then(
      () => {
        navigate(paths.cases, { replace: true });
        setSessionEnded(true);
        setStores({ state: 'signedOut', tablet });
      },
      (error: unknown) => console.warn('Sakhi: could not forget the ended session', error),
    );
  }, [tablet]);

  return { stores, tablet, hasSessionEnded, onSignedIn, signOut, endRefusedSession };
}

/** Sync found the session no longer accepted by the server: back to sign-in. */
export function useEndRefusedSession(
  syncStatus: SyncStatus | null,
  endRefusedSession: () => void,
): void {
  const isSessionRefused = syncStatus?.lastErrorCode === 'session_expired';
  useEffect(() => {
    if (isSessionRefused) endRefusedSession();
  }, [isSessionRefused, endRefusedSession]);
}
