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
import { Screen, SignInScreen, UnlockScreen } from './Screen.tsx';
import { useStorageHealth } from './storage-health.ts';
import { useWaitingUpdate, type UpdateSignal } from './update-signal.ts';
import { useAppLock, type AppLockPorts } from './use-app-lock.ts';
import { useHeaderSync } from './use-header-sync.ts';
import { useLanguage } from './use-language.ts';
import { usePageSync } from './use-page-sync.ts';
import { useServerIsDemo } from './use-server-is-demo.ts';
import { useEndRefusedSession, useTabletSession } from './use-tablet-session.ts';

export interface AppProps {
  readonly updates?: UpdateSignal;
  /** Tests open a tablet over their own database; the app opens the tablet's. */
  readonly openTablet?: () => Promise<Tablet>;
  /** PIN lock: the key vault's functions and the centre's idle minutes; without them the app never locks. */
  readonly lock?: AppLockPorts | null;
}

const openThisTablet = () => openTablet();

export function App({ updates, openTablet: open = openThisTablet, lock = null }: AppProps) {
  const route = useRoute();
  const isOnline = useOnline();
  const { lang, switchLanguage } = useLanguage();
  const session = useTabletSession(open);
  const { stores, tablet } = session;
  const storageHealth = useStorageHealth();
  const applyUpdate = useWaitingUpdate(updates);
  const isDemo = useServerIsDemo(tablet, isOnline);
  const appLock = useAppLock(lock, stores.state === 'open');
  // Locked, the app is as good as signed out: no stores, no sync, no name in the header.
  const isLocked = stores.state === 'open' && appLock.isLocked;
  const signedIn = stores.state === 'open' && !isLocked ? stores : null;
  const { status: syncStatus, pageSync } = usePageSync(signedIn?.tablet ?? null);
  const headerSync = useHeaderSync(signedIn, syncStatus, route);
  useEndRefusedSession(syncStatus, session.endRefusedSession);

  return (
    <LangContext.Provider value={lang}>
      <div class="app" lang={lang}>
        <Header
          route={route}
          isOnline={isOnline}
          pendingChanges={isLocked ? null : headerSync.pendingChanges}
          sync={headerSync.sync}
          isDemo={isDemo}
          staffName={signedIn?.stores.staff.displayName ?? null}
          onSwitchLanguage={switchLanguage}
          onSignOut={signedIn ? session.signOut : null}
          onSwitchUser={signedIn ? appLock.lockNow : null}
          canManageTablets={signedIn?.stores.staff.role === 'manager'}
        />
        {applyUpdate ? <UpdateBanner applyUpdate={applyUpdate} /> : null}
        {storageHealth ? <StorageBanner health={storageHealth} /> : null}
        {signedIn ? <SyncProblemBanner status={syncStatus} /> : null}
        <main class="app-main">
          {isLocked ? (
            appLock.unlockProps ? (
              <UnlockScreen {...appLock.unlockProps} onSignInAsOther={session.signOut} />
            ) : (
              <StoreStatus isFailed={false} />
            )
          ) : stores.state === 'open' ? (
            <StoresContext.Provider value={stores.stores}>
              <Screen
                route={route}
                onRequestSync={() => pageSync?.request('manual')}
                changePin={appLock.changePinProps}
              />
            </StoresContext.Provider>
          ) : stores.state === 'signedOut' ? (
            <>
              {session.hasSessionEnded ? <SessionEndedBanner /> : null}
              <SignInScreen
                key="sign-in"
                deviceId={stores.tablet.deviceId}
                onSignedIn={(response) => {
                  // Her password proved who she is: the stores it opens are hers to see.
                  appLock.markUnlocked();
                  return session.onSignedIn(response);
                }}
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
