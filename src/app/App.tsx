// The composition root: each concern (session, sync, language, banners) is a hook or a
// component of its own in this folder; App only wires them together.
import { useCallback, useRef } from 'preact/hooks';
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { HeadquartersSignIn } from '../features/account/sign-in-client.ts';
import { openTablet, type Tablet } from '../shell/open-stores.ts';
import { useRoute, type Route } from '../shell/router.ts';
import { StoresContext } from '../shell/stores.ts';
import { useOnline } from '../shell/use-online.ts';
import {
  SessionEndedBanner,
  StorageBanner,
  StoreStatus,
  SyncProblemBanner,
  UpdateBanner,
} from './Banners.tsx';
import { AppFrame } from './AppFrame.tsx';
import { OfflineReadinessLine } from './OfflineReadinessLine.tsx';
import {
  HeadquartersScreen,
  HeadquartersUnlockScreen,
  Screen,
  SetPinScreen,
  SignInScreen,
  TabletErasedScreen,
  UnlockScreen,
} from './Screen.tsx';
import { useHeadquartersSession, type HeadquartersSession } from './use-headquarters-session.ts';
import { useTabletErasedByWorker } from './use-worker-wipe.ts';
import { useStorageHealth } from './storage-health.ts';
import { useWaitingUpdate, type UpdateSignal } from './update-signal.ts';
import { useIdleLock } from './use-idle-lock.ts';
import { changePinOn } from './pin-ports.ts';
import { useHeaderSync } from './use-header-sync.ts';
import { useLanguage } from './use-language.ts';
import { usePageSync } from './use-page-sync.ts';
import { useServerIsDemo } from './use-server-is-demo.ts';
import {
  useEndRefusedSession,
  useTabletSession,
  type TabletSession,
} from './use-tablet-session.ts';

export interface AppProps {
  readonly updates?: UpdateSignal;
  /** Tests open a tablet over their own database; the app opens the tablet's. */
  readonly openTablet?: () => Promise<Tablet>;
  /**
   * She signed in on a first visit's own sign-in screen (FirstVisit.tsx), before this
   * frame had loaded: the app carries on from there, with her PIN next.
   */
  readonly signedInBefore?: SignedInBefore;
}

export type SignedInBefore =
  { readonly staff: SignInResponse } | { readonly headquarters: HeadquartersSignIn };

const openThisTablet = () => openTablet();

export function App({ updates, openTablet: open = openThisTablet, signedInBefore }: AppProps) {
  const route = useRoute();
  const isOnline = useOnline();
  const { lang, switchLanguage } = useLanguage();
  // The session's sign-out and wipes stop the page's sync first, but that sync starts only
  // once her stores are open (below): a ref carries its stop to the session.
  const stopPageSync = useRef(() => Promise.resolve());
  const session = useTabletSession(
    open,
    signedInBefore && 'staff' in signedInBefore ? signedInBefore.staff : null,
    useCallback(() => stopPageSync.current(), []),
  );
  const { stores, tablet } = session;
  const storageHealth = useStorageHealth();
  const applyUpdate = useWaitingUpdate(updates);
  const isDemo = useServerIsDemo(tablet, isOnline);
  const signedIn = stores.state === 'open' ? stores : null;
  const headquarters = useHeadquartersSession(
    undefined,
    signedInBefore && 'headquarters' in signedInBefore ? signedInBefore.headquarters : null,
  );
  const headquartersOpen =
    headquarters.current.state === 'open' ? headquarters.current.unlocked : null;
  useIdleLock(
    signedIn
      ? signedIn.stores.idleLockMinutes
      : headquartersOpen
        ? HEADQUARTERS_IDLE_MINUTES
        : null,
    signedIn ? (session.lockNow ?? noLock) : headquarters.lock,
  );
  const { status: syncStatus, pageSync, stopSync } = usePageSync(signedIn?.tablet ?? null);
  stopPageSync.current = stopSync;
  const headerSync = useHeaderSync(signedIn, syncStatus, route);
  useEndRefusedSession(syncStatus, session);
  useTabletErasedByWorker(session.startAfresh);
  const frame = { lang, onSwitchLanguage: switchLanguage, route, isOnline, isDemo };

  if (headquartersOpen) {
    return (
      <AppFrame
        {...frame}
        session={{
          pendingChanges: null,
          sync: null,
          staffName: headquartersOpen.account.displayName,
          onSignOut: headquarters.signOut,
          onSwitchUser: headquarters.lock,
          isHeadquarters: true,
          isStateAdmin: headquartersOpen.account.role === 'state_admin',
        }}
        banners={applyUpdate ? <UpdateBanner applyUpdate={applyUpdate} /> : null}
      >
        <HeadquartersScreen route={route} headquarters={headquartersOpen} />
      </AppFrame>
    );
  }

  return (
    <AppFrame
      {...frame}
      session={{
        pendingChanges: signedIn ? headerSync.pendingChanges : null,
        sync: headerSync.sync,
        staffName: signedIn?.stores.staff.displayName ?? null,
        onSignOut: signedIn ? session.signOut : null,
        onSwitchUser: session.lockNow,
        canManageTablets: signedIn?.stores.staff.role === 'manager',
      }}
      banners={
        <>
          {applyUpdate ? <UpdateBanner applyUpdate={applyUpdate} /> : null}
          {storageHealth ? <StorageBanner health={storageHealth} /> : null}
          {signedIn ? <SyncProblemBanner status={syncStatus} /> : null}
          {signedIn ? <OfflineReadinessLine /> : null}
        </>
      }
    >
      <Body
        session={session}
        route={route}
        onRequestSync={() => pageSync?.request('manual')}
        headquarters={headquarters}
      />
    </AppFrame>
  );
}

function noLock() {}

/** A state officer's tablet locks as a centre's does by default: her PIN opens it again. */
const HEADQUARTERS_IDLE_MINUTES = 5;

/** What the state of the tablet lets her see: a locked app renders the unlock screen and nothing else. */
function Body({
  session,
  route,
  onRequestSync,
  headquarters,
}: {
  readonly session: TabletSession;
  readonly route: Route;
  readonly onRequestSync: () => void;
  readonly headquarters: HeadquartersSession;
}) {
  const { stores } = session;
  switch (stores.state) {
    case 'locked':
      return (
        <UnlockScreen
          tablet={stores.tablet}
          unlock={session.unlockWithPin}
          onSignInAsOther={session.showSignIn}
        />
      );
    case 'erased':
      return <TabletErasedScreen notice={stores.notice} onSignIn={session.startAfresh} />;
    case 'settingPin':
      return <SetPinScreen setPin={session.setPin} />;
    case 'open':
      return (
        <StoresContext.Provider value={stores.stores}>
          <Screen
            route={route}
            onRequestSync={onRequestSync}
            changePin={{
              changePin: (oldPin, newPin) => changePinOn(stores.tablet, oldPin, newPin),
              onLockedOut: session.lockNow ?? noLock,
            }}
          />
        </StoresContext.Provider>
      );
    case 'signedOut': {
      const { current } = headquarters;
      if (current.state === 'settingPin') return <SetPinScreen setPin={headquarters.setPin} />;
      if (current.state === 'reading') return <StoreStatus isFailed={false} />;
      if (current.state === 'locked') {
        return (
          <HeadquartersUnlockScreen
            enrolled={current.enrolled}
            unlock={headquarters.unlock}
            onSignInAsOther={headquarters.showSignIn}
          />
        );
      }
      return (
        <>
          {session.hasSessionEnded ? <SessionEndedBanner /> : null}
          <SignInScreen
            key="sign-in"
            readDevice={() => Promise.resolve(stores.tablet)}
            centreSwitch={session.centreSwitch ?? undefined}
            onDeviceRevoked={session.wipeRevoked}
            onHeadquartersSignedIn={headquarters.signIn}
            onSignedIn={session.onSignedIn}
          />
        </>
      );
    }
    default:
      return <StoreStatus isFailed={stores.state === 'failed'} />;
  }
}
