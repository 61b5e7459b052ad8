// A state officer's session. Her online sign-in asks her to choose a PIN, which seals her
// session and the report copies kept for her (data/headquarters-vault.ts), so after a reload
// her PIN opens her last dashboard offline, and nobody else's PIN does. She never has stores
// here: no data key reaches her, so no case record reaches her screens. Locking (idle, or a
// reload) forgets her session from memory; signing out ends it on the server and forgets
// her wrapping and her kept copies.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  openHeadquartersVault,
  type EnrolledHeadquarters,
  type HeadquartersUnlock,
  type HeadquartersVault,
  type UnlockedHeadquarters,
} from '../data/headquarters-vault.ts';
import type { HeadquartersSignIn } from '../features/account/sign-in-client.ts';
import { navigate, paths } from '../shell/router.ts';
import { requestSignOut } from '../shell/sign-out-client.ts';

export type HeadquartersState =
  | { readonly state: 'reading' }
  /** No headquarters account has a PIN here, or she asked for the password sign-in. */
  | { readonly state: 'none' }
  | { readonly state: 'locked'; readonly enrolled: readonly EnrolledHeadquarters[] }
  /** Signed in with her password: she chooses a PIN before the dashboard opens. */
  | { readonly state: 'settingPin'; readonly signIn: HeadquartersSignIn }
  | { readonly state: 'open'; readonly unlocked: UnlockedHeadquarters };

export interface HeadquartersSession {
  readonly current: HeadquartersState;
  readonly signIn: (headquarters: HeadquartersSignIn) => void;
  readonly setPin: (pin: string) => Promise<void>;
  readonly unlock: (userId: string, pin: string) => Promise<HeadquartersUnlock>;
  readonly lock: () => void;
  readonly showSignIn: () => void;
  readonly signOut: () => void;
}

/**
 * `signedInBefore`: she signed in on a first visit's own sign-in screen (FirstVisit.tsx),
 * before the app had loaded: she chooses her PIN next.
 */
export function useHeadquartersSession(
  vault: HeadquartersVault = defaultVault(),
  signedInBefore: HeadquartersSignIn | null = null,
): HeadquartersSession {
  const [current, setCurrent] = useState<HeadquartersState>(() =>
    signedInBefore ? { state: 'settingPin', signIn: signedInBefore } : { state: 'reading' },
  );
  // Reading the PINs kept here would replace her PIN screen with "none".
  const isChoosingPin = useRef(signedInBefore !== null);

  const lockedOrNone = useCallback(async (): Promise<HeadquartersState> => {
    const enrolled = await vault.enrolled();
    return enrolled.length > 0 ? { state: 'locked', enrolled } : { state: 'none' };
  }, [vault]);

  useEffect(() => {
    if (isChoosingPin.current) return;
    lockedOrNone().then(setCurrent, (error: unknown) => {
      // Then the tablet's own sign-in is shown: a password always gets her in online.
      console.warn('Sakhi: could not read the headquarters PINs', error);
      setCurrent({ state: 'none' });
    });
  }, [lockedOrNone]);

  const signIn = useCallback((headquarters: HeadquartersSignIn) => {
    setCurrent({ state: 'settingPin', signIn: headquarters });
  }, []);

  const open = useCallback((unlocked: UnlockedHeadquarters) => {
    if (!location.pathname.startsWith(paths.stateDashboard)) {
      navigate(paths.stateDashboard, { replace: true });
    }
    setCurrent({ state: 'open', unlocked });
  }, []);

  const setPin = useCallback(
    async (pin: string) => {
      if (current.state !== 'settingPin') return;
      const { token, userId, displayName, role } = current.signIn;
      open(await vault.enrol({ token, userId, displayName, role }, pin));
    },
    [current, vault, open],
  );

  const unlock = useCallback(
    async (userId: string, pin: string) => {
      const result = await vault.unlock(userId, pin);
      if (result.outcome === 'unlocked') open(result.unlocked);
      else if (result.outcome === 'not_enrolled') setCurrent({ state: 'none' });
      else if (result.outcome === 'locked_out') setCurrent(await lockedOrNone());
      return result;
    },
    [vault, open, lockedOrNone],
  );

  const refresh = useCallback(() => {
    lockedOrNone().then(setCurrent, () => setCurrent({ state: 'none' }));
  }, [lockedOrNone]);

  const lock = useCallback(() => {
    if (current.state === 'open') refresh();
  }, [current, refresh]);

  const showSignIn = useCallback(() => setCurrent({ state: 'none' }), []);

  const signOut = useCallback(() => {
    if (current.state !== 'open') return;
    const { account, seal } = current.unlocked;
    setCurrent({ state: 'reading' });
    navigate(paths.cases, { replace: true });
    void requestSignOut(account.token);
    const forgetting = import('../features/reports/StateReportsScreen.tsx')
      .then((module) => module.forgetKeptReports(seal))
      .catch((error: unknown) => console.warn('Sakhi: kept reports not forgotten', error));
    const forgettingPin = vault
      .forget(account.userId)
      .catch((error: unknown) => console.warn('Sakhi: headquarters PIN not forgotten', error));
    void Promise.all([forgetting, forgettingPin]).then(refresh);
  }, [current, vault, refresh]);

  return useMemo(
    () => ({ current, signIn, setPin, unlock, lock, showSignIn, signOut }),
    [current, signIn, setPin, unlock, lock, showSignIn, signOut],
  );
}

let sharedVault: HeadquartersVault | null = null;

function defaultVault(): HeadquartersVault {
  sharedVault ??= openHeadquartersVault();
  return sharedVault;
}
