import { useEffect, useMemo, useState } from 'preact/hooks';
import { CaseListPage } from '../features/cases/CaseListPage.tsx';
import { useMessages } from '../i18n/define-messages.ts';
import { LangContext, loadLang, saveLang, type Lang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { Banner } from '../ui/Banner.tsx';
import { LinkButton } from '../ui/Button.tsx';
import { StorageBanner, UpdateBanner } from './Banners.tsx';
import { Header } from './Header.tsx';
import { LazyScreen, type ScreenLoader } from './LazyScreen.tsx';
import { openStoreSession, type StoreSession } from './open-stores.ts';
import { StaffChooser } from './StaffChooser.tsx';
import { paths, useRoute, type Route } from './router.ts';
import { readStorageHealth, type StorageHealth } from './storage-health.ts';
import { StoresContext, type Stores } from './stores.ts';
import type { UpdateSignal } from './update-signal.ts';
import { useOnline, usePendingChanges } from './use-online.ts';

// Later screens load on first use, so the case list (the first screen) starts small.
const loadIntake: ScreenLoader<object> = () =>
  import('../features/intake/IntakePage.tsx').then((module) => module.IntakePage);
const loadCaseFile: ScreenLoader<{ caseId: string }> = () =>
  import('../features/case-file/CaseFilePage.tsx').then((module) => module.CaseFilePage);
const loadToday: ScreenLoader<object> = () =>
  import('../features/today/TodayPage.tsx').then((module) => module.TodayPage);

export interface AppProps {
  readonly updates?: UpdateSignal;
  /** Tests pass their own store; the app opens the tablet's. */
  readonly openSession?: () => Promise<StoreSession>;
}

type StoresState =
  | { readonly state: 'opening' }
  | { readonly state: 'choosingStaff'; readonly session: StoreSession }
  | { readonly state: 'open'; readonly stores: Stores }
  | { readonly state: 'failed' };

export function App({ updates, openSession = openStoreSession }: AppProps) {
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
    openSession().then(
      (session) =>
        setStores(
          session.stores
            ? { state: 'open', stores: session.stores }
            : { state: 'choosingStaff', session },
        ),
      (error: unknown) => {
        console.warn('Sakhi: the store did not open', error);
        setStores({ state: 'failed' });
      },
    );
    readStorageHealth().then(setStorageHealth, () => setStorageHealth(null));
  }, [openSession]);

  useEffect(() => updates?.subscribe((apply) => setApplyUpdate(() => apply)), [updates]);

  const openStoresValue = stores.state === 'open' ? stores.stores : null;
  const countPending = useMemo(
    () => (openStoresValue ? () => openStoresValue.caseStore.countPendingChanges() : null),
    [openStoresValue],
  );
  const pendingChanges = usePendingChanges(countPending, route);

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
          pendingChanges={pendingChanges}
          isDemo={openStoresValue?.isDemo ?? false}
          staffName={openStoresValue?.staff.displayName ?? null}
          onSwitchLanguage={switchLanguage}
        />
        {applyUpdate ? <UpdateBanner applyUpdate={applyUpdate} /> : null}
        {storageHealth ? <StorageBanner health={storageHealth} /> : null}
        <main class="app-main">
          {stores.state === 'open' ? (
            <StoresContext.Provider value={stores.stores}>
              <Screen route={route} />
            </StoresContext.Provider>
          ) : stores.state === 'choosingStaff' ? (
            <StaffChooser
              staff={stores.session.demoStaff}
              onChoose={(userId) =>
                stores.session.chooseStaff(userId).then(
                  (chosen) => setStores({ state: 'open', stores: chosen }),
                  () => setStores({ state: 'failed' }),
                )
              }
            />
          ) : (
            <StoreStatus isFailed={stores.state === 'failed'} />
          )}
        </main>
      </div>
    </LangContext.Provider>
  );
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

function Screen({ route }: { readonly route: Route }) {
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
