// A state officer's session: held in this page's memory only, never written to the tablet,
// so a lost tablet holds no headquarters token. Signing in opens the state dashboard;
// signing out ends the session on the server and forgets the report copies kept for
// offline reading. She never has stores here, so no case record reaches her screens.
import { useCallback, useState } from 'preact/hooks';
import type { HeadquartersSignIn } from '../features/account/sign-in-client.ts';
import { navigate, paths } from '../shell/router.ts';
import { requestSignOut } from '../shell/sign-out-client.ts';

export interface HeadquartersSession {
  readonly signedIn: HeadquartersSignIn | null;
  readonly signIn: (headquarters: HeadquartersSignIn) => void;
  readonly signOut: () => void;
}

export function useHeadquartersSession(): HeadquartersSession {
  const [signedIn, setSignedIn] = useState<HeadquartersSignIn | null>(null);
  const signIn = useCallback((headquarters: HeadquartersSignIn) => {
    if (!location.pathname.startsWith(paths.stateDashboard)) {
      navigate(paths.stateDashboard, { replace: true });
    }
    setSignedIn(headquarters);
  }, []);
  const signOut = useCallback(() => {
    if (!signedIn) return;
    setSignedIn(null);
    navigate(paths.cases, { replace: true });
    void requestSignOut(signedIn.token);
    void import('../features/reports/StateReportsScreen.tsx')
      .then((module) => module.forgetKeptReports())
      .catch((error: unknown) => console.warn('Sakhi: kept reports not forgotten', error));
  }, [signedIn]);
  return { signedIn, signIn, signOut };
}
