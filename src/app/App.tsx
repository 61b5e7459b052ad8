import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { SignInPageProps } from '../features/account/SignInPage.tsx';
import { CaseListPage } from '../features/cases/CaseListPage.tsx';
import type { SyncStatusPageProps } from '../features/sync-status/SyncStatusPage.tsx';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import { useMessages } from '../i18n/define-messages.ts';
import { LangContext, loadLang, saveLang, type Lang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { Banner } from '../ui/Banner.tsx';
import { LinkButton } from '../ui/Button.tsx';
import { StorageBanner, UpdateBanner } from './Banners.tsx';
import { Header, type HeaderSync } from './Header.tsx';
import { LazyScreen, type ScreenLoader } from './LazyScreen.tsx';
import { openTablet, type SyncView, type Tablet } from '../shell/open-stores.ts';
import type { PageSync } from './page-sync.ts';
import { navigate, paths, useRoute, type Route } from '../shell/router.ts';
import { readStorageHealth, type StorageHealth } from './storage-health.ts';
import { StoresContext, type Stores } from '../shell/stores.ts';
import type { UpdateSignal } from './update-signal.ts';
import { useOnline, usePolledValue } from '../shell/use-online.ts';

// Later screens load on first use, so the case list (the first screen) starts small.
const loadIntake: ScreenLoader<object> = () =>
  import('../features/intake/IntakePage.tsx').then((module) => module.IntakePage);
const loadCaseFile: ScreenLoader<{ caseId: string }> = () =>
  import('../features/case-file/CaseFilePage.tsx').then((module) => module.CaseFilePage);
const loadToday: ScreenLoader<object> = () =>
  import('../features/today/TodayPage.tsx').then((module) => module.TodayPage);
const loadSyncStatus: ScreenLoader<SyncStatusPageProps> = () =>
  import('../features/sync-status/SyncStatusPage.tsx').then((module) => module.SyncStatusPage);
// Shown once per tablet (and after a sign-out), so it stays out of the first screen's code.
const loadSignIn: ScreenLoader<SignInPageProps> = () =>
  import('../features/account/SignInPage.tsx').then((module) => module.SignInPage);

export interface AppProps {
  readonly updates?: UpdateSignal;
  /** Tests open a tablet over their own database; the app opens the tablet's. */
  readonly openTablet?: () => Promise<Tablet>;
}

type StoresState =
  | { readonly state: 'opening' }
  | { readonly state: 'signedOut'; readonly tablet: Tablet }
  | { readonly state: 'open'; readonly tablet: Tablet; readonly stores: Stores }
  | { readonly state: 'failed' };

const openThisTablet = () => openTablet();

export function App({ updates, openTablet: open = openThisTablet }: AppProps) {
  const [lang, setLang] = useState<Lang>(loadLang);
  const [stores, setStores] = useState<StoresState>({ state: 'opening' });
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [storageHealth, setStorageHealth] = useState<StorageHealth | null>(null);
  const route = useRoute();
  const isOnline = useOnline();

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

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
    readStorageHealth().then(setStorageHealth, () => setStorageHealth(null));
  }, [open]);

  useEffect(() => updates?.subscribe((apply) => setApplyUpdate(() => apply)), [updates]);

  const tablet = stores.state === 'open' || stores.state === 'signedOut' ? stores.tablet : null;
  const isDemo = useServerIsDemo(tablet, isOnline);
  const openStoresValue = stores.state === 'open' ? stores.stores : null;
  const [hasSessionEnded, setSessionEnded] = useState(false);
  const { status: syncStatus, pageSync } = usePageSync(stores.state === 'open' ? tablet : null);
  const signedInTablet = openStoresValue ? tablet : null;
  const readSyncView = useMemo(
    () => (signedInTablet ? () => signedInTablet.readSyncView() : null),
    [signedInTablet],
  );
  // Count saves, so the waiting-changes count moves the moment she saves, offline too.
  const [saveCount, setSaveCount] = useState(0);
  useEffect(
    () => signedInTablet?.onSaved(() => setSaveCount((count) => count + 1)),
    [signedInTablet],
  );
  // Read again on every save, every screen change and whenever a sync run starts or ends.
  const syncView = usePolledValue(
    readSyncView,
    `${route.name}:${'caseId' in route ? route.caseId : ''}:${String(syncStatus?.isRunning)}:${saveCount}`,
  );
  const headerSync = openStoresValue
    ? headerSyncOf(syncView, syncStatus, openStoresValue.staff.role === 'manager')
    : null;

  // The server no longer accepts the session: back to sign-in, keeping every case and
  // every unsent change (they go up after she signs in again).
  const isSessionRefused = syncStatus?.lastErrorCode === 'session_expired';
  useEffect(() => {
    if (!isSessionRefused || !tablet) return;
    tablet.forgetSession().then(
      () => {
        navigate(paths.cases, { replace: true });
        setSessionEnded(true);
        setStores({ state: 'signedOut', tablet });
      },
      (error: unknown) => console.warn('Sakhi: could not forget the ended session', error),
    );
  }, [isSessionRefused, tablet]);

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

  const switchLanguage = () => {
    const next = lang === 'hi' ? 'en' : 'hi';
    saveLang(next);
    setLang(next);
  };

  return (
    <LangContext.Provider value={lang}>
      <div class="app" lang={lang}>
        <Header
          route={route}
          isOnline={isOnline}
          pendingChanges={syncView?.waiting ?? null}
          sync={headerSync}
          isDemo={isDemo}
          staffName={openStoresValue?.staff.displayName ?? null}
          onSwitchLanguage={switchLanguage}
          onSignOut={openStoresValue ? signOut : null}
        />
        {applyUpdate ? <UpdateBanner applyUpdate={applyUpdate} /> : null}
        {storageHealth ? <StorageBanner health={storageHealth} /> : null}
        {openStoresValue ? <SyncProblemBanner status={syncStatus} /> : null}
        <main class="app-main">
          {stores.state === 'open' ? (
            <StoresContext.Provider value={stores.stores}>
              <Screen route={route} onRequestSync={() => pageSync?.request('manual')} />
            </StoresContext.Provider>
          ) : stores.state === 'signedOut' ? (
            <>
              {hasSessionEnded ? <SessionEndedBanner /> : null}
              <LazyScreen
                key="sign-in"
                load={loadSignIn}
                props={{ deviceId: stores.tablet.deviceId, onSignedIn }}
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

/** The server's demo flag: remembered on the tablet, asked again whenever it comes online. */
function useServerIsDemo(tablet: Tablet | null, isOnline: boolean): boolean {
  const [isDemo, setDemo] = useState(false);
  useEffect(() => {
    if (!tablet) return;
    let isCurrent = true;
    const show = (answer: boolean | null) => {
      if (isCurrent && answer !== null) setDemo(answer);
    };
    // The remembered answer first, then the server's, so a stale one never wins.
    tablet
      .readServerIsDemo()
      .then(show)
      .then(() => (isOnline ? tablet.checkServerIsDemo().then(show) : undefined))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [tablet, isOnline]);
  return isDemo;
}

function StoreStatus({ isFailed }: { readonly isFailed: boolean }) {
  const t = useMessages(appMessages);
  return isFailed ? (
    <Banner tone="danger" testId="store-failed">
      {t.storeFailed}
    </Banner>
  ) : (
    <p class="loading">{t.storeOpening}</p>
  );
}

/**
 * Sync while someone is signed in (page-sync.ts, loaded after the first screen): started
 * when the stores open, stopped on sign-out; every save through the stores asks for a run.
 */
function usePageSync(tablet: Tablet | null): {
  status: SyncStatus | null;
  pageSync: PageSync | null;
} {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [pageSync, setPageSync] = useState<PageSync | null>(null);
  useEffect(() => {
    if (!tablet) return;
    let isCurrent = true;
    let stop = () => {};
    import('./page-sync.ts').then(
      ({ startPageSync }) => {
        if (!isCurrent) return;
        const started = startPageSync(tablet.syncSource, setStatus);
        const unsubscribe = tablet.onSaved(() => started.afterSave());
        setPageSync(started);
        stop = () => {
          unsubscribe();
          started.stop();
        };
      },
      (error: unknown) => console.warn('Sakhi: sync did not start', error),
    );
    return () => {
      isCurrent = false;
      stop();
      setPageSync(null);
      setStatus(null);
    };
  }, [tablet]);
  return { status, pageSync };
}

function headerSyncOf(
  view: SyncView | null,
  status: SyncStatus | null,
  isManager: boolean,
): HeaderSync | null {
  if (!view) return null;
  return {
    isRunning: status?.isRunning ?? false,
    lastSyncAt: view.lastSyncAt,
    needsAttention: view.rejected > 0 || (isManager && view.openConflicts > 0),
  };
}

function SyncProblemBanner({ status }: { readonly status: SyncStatus | null }) {
  const t = useMessages(appMessages);
  if (status?.lastErrorCode === 'device_revoked') {
    // TODO(sealing): a revoked device wipes its local data after pushing what it can; see
    // SignInPage.tsx for why that waits for the sealed, device-signed push.
    return (
      <Banner tone="danger" testId="sync-device-revoked">
        {t.syncDeviceRevoked}
      </Banner>
    );
  }
  if (status?.lastErrorCode === 'unsupported_protocol_version') {
    return (
      <Banner tone="warning" testId="sync-update-required">
        {t.syncUpdateRequired}
      </Banner>
    );
  }
  return null;
}

function SessionEndedBanner() {
  const t = useMessages(appMessages);
  return (
    <Banner tone="warning" testId="session-ended">
      {t.sessionEnded}
    </Banner>
  );
}

function Screen({
  route,
  onRequestSync,
}: {
  readonly route: Route;
  readonly onRequestSync: () => void;
}) {
  switch (route.name) {
    case 'cases':
      return <CaseListPage />;
    case 'newCase':
      return <LazyScreen key="intake" load={loadIntake} props={{}} />;
    case 'caseFile':
      return (
        <LazyScreen
          key={`case-${route.caseId}`}
          load={loadCaseFile}
          props={{ caseId: route.caseId }}
        />
      );
    case 'today':
      return <LazyScreen key="today" load={loadToday} props={{}} />;
    case 'syncStatus':
      return <LazyScreen key="sync-status" load={loadSyncStatus} props={{ onRequestSync }} />;
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  const t = useMessages(appMessages);
  return (
    <section class="page">
      <h2>{t.notFoundTitle}</h2>
      <LinkButton href={paths.cases}>{t.backToCases}</LinkButton>
    </section>
  );
}
