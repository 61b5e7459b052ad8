// The composition root: each concern (session, sync, language, banners) is a hook or a
// component of its own in this folder; App only wires them together.
import { LangContext } from '../i18n/lang.ts';
import { openTablet, type Tablet } from '../shell/open-stores.ts';
import { useRoute } from '../shell/router.ts';
import { StoresContext } from '../shell/stores.ts';
import { useOnline } from '../shell/use-online.ts';
import {
  SessionEndedBanner,
  StorageBanner,
  StoreStatus,
  SyncProblemBanner,
  UpdateBanner,
} from './Banners.tsx';
import { Header } from './Header.tsx';
import { Screen, SignInScreen } from './Screen.tsx';
import { useStorageHealth } from './storage-health.ts';
import { useWaitingUpdate, type UpdateSignal } from './update-signal.ts';
import { useHeaderSync } from './use-header-sync.ts';
import { useLanguage } from './use-language.ts';
import { usePageSync } from './use-page-sync.ts';
import { useServerIsDemo } from './use-server-is-demo.ts';
import { useEndRefusedSession, useTabletSession } from './use-tablet-session.ts';

export interface AppProps {
  readonly updates?: UpdateSignal;
  /** Tests open a tablet over their own database; the app opens the tablet's. */
  readonly openTablet?: () => Promise<Tablet>;
}

const openThisTablet = () => openTablet();

export function App({ updates, openTablet: open = openThisTablet }: AppProps) {
  const route = useRoute();
  const isOnline = useOnline();
  const { lang, switchLanguage } = useLanguage();
  const session = useTabletSession(open);
  const { stores, tablet } = session;
  const storageHealth = useStorageHealth();
  const applyUpdate = useWaitingUpdate(updates);
  const isDemo = useServerIsDemo(tablet, isOnline);
  const signedIn = stores.state === 'open' ? stores : null;
  const { status: syncStatus, pageSync } = usePageSync(signedIn?.tablet ?? null);
  const headerSync = useHeaderSync(signedIn, syncStatus, route);
  useEndRefusedSession(syncStatus, session.endRefusedSession);

  return (
    <LangContext.Provider value={lang}>
      <div class="app" lang={lang}>
        <Header
          route={route}
          isOnline={isOnline}
          pendingChanges={headerSync.pendingChanges}
          sync={headerSync.sync}
          isDemo={isDemo}
          staffName={signedIn?.stores.staff.displayName ?? null}
          onSwitchLanguage={switchLanguage}
          onSignOut={signedIn ? session.signOut : null}
        />
        {applyUpdate ? <UpdateBanner applyUpdate={applyUpdate} /> : null}
        {storageHealth ? <StorageBanner health={storageHealth} /> : null}
        {signedIn ? <SyncProblemBanner status={syncStatus} /> : null}
        <main class="app-main">
          {stores.state === 'open' ? (
            <StoresContext.Provider value={stores.stores}>
              <Screen route={route} onRequestSync={() => pageSync?.request('manual')} />
            </StoresContext.Provider>
          ) : stores.state === 'signedOut' ? (
            <>
              {session.hasSessionEnded ? <SessionEndedBanner /> : null}
              <SignInScreen
                key="sign-in"
                deviceId={stores.tablet.deviceId}
                onSignedIn={session.onSignedIn}
              />
            </>
          ) : (
            <StoreStatus isFailed={stores.state === 'failed'} />
          )}
        </main>
      </div>
    </LangContext.Provider>
  );
}
