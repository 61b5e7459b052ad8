// The first screen of a tablet that has never held Sakhi's store (first-visit.ts): the
// app's frame and the sign-in form, and nothing else. On a 2G link every kilobyte before
// the form is a second she waits, so the store (Dexie), the case list and the rest of the
// app load only once the form shows, while she types; sending waits for them if she is
// quicker. Once she has signed in, the full app (App.tsx) takes over from her sign-in:
// her PIN next, as on any other tablet.
//
// What must stay true: this file and what it imports statically are what a new tablet
// loads before the form (tests/bundle-budget.browser.test.ts holds their size), so nothing
// here may import the store, App.tsx or Screen.tsx except through import().
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { HeadquartersSignIn } from '../features/account/sign-in-client.ts';
import { SignInPage, type SignInDevice } from '../features/account/SignInPage.tsx';
import type { Tablet } from '../shell/open-stores.ts';
import { useRoute } from '../shell/router.ts';
import { useOnline } from '../shell/use-online.ts';
import type { App, AppProps } from './App.tsx';
import { StorageBanner } from './Banners.tsx';
import { AppFrame } from './AppFrame.tsx';
import { useStorageHealth } from './storage-health.ts';
import type { UpdateSignal } from './update-signal.ts';
import { useLanguage } from './use-language.ts';
import { useServerIsDemo } from './use-server-is-demo.ts';

export interface FirstVisitProps {
  readonly updates: UpdateSignal;
  /**
   * When the service worker's install may take the link. Over 2G a browser's six
   * connections to the server are the install's for a minute, and a sign-in sent meanwhile
   * queues behind them (measured: ~50 s to her PIN screen). So: once the app and the store
   * have loaded behind the form if she has typed nothing yet (she is reading; the link would
   * idle), else once her sign-in is answered.
   */
  readonly onLinkFree?: () => void;
  /** Tests open a tablet over their own database; the app opens the tablet's. */
  readonly openTablet?: () => Promise<Tablet>;
}

const openThisTablet = async () => (await import('../shell/open-stores.ts')).openTablet();

interface TakeOver {
  readonly App: typeof App;
  readonly props: AppProps;
}

export function FirstVisit({ updates, onLinkFree, openTablet = openThisTablet }: FirstVisitProps) {
  const route = useRoute();
  const isOnline = useOnline();
  const { lang, switchLanguage } = useLanguage();
  const storageHealth = useStorageHealth();
  const rest = useMemo(() => createRestOfApp(openTablet), [openTablet]);
  const [tablet, setTablet] = useState<Tablet | null>(null);
  const isDemo = useServerIsDemo(tablet, isOnline);
  const [takeOver, setTakeOver] = useState<TakeOver | null>(null);

  const hasTyped = useRef(false);
  // The form is on screen (this component rendered it): now the rest, while she types.
  useEffect(() => {
    const loading = Promise.all([rest.loadApp(), rest.loadTablet()]);
    loading
      .then(([, opened]) => {
        setTablet(opened);
        preloadWhatSignInLeadsTo();
      })
      .catch((error: unknown) => {
        // Her sign-in asks again when she sends it, and says what failed.
        console.warn('Sakhi: the app did not load behind the sign-in form', error);
      });
    const freeLinkIfIdle = () => {
      if (!hasTyped.current) onLinkFree?.();
    };
    void loading.then(freeLinkIfIdle, freeLinkIfIdle);
  }, [rest, onLinkFree]);

  if (takeOver) return <takeOver.App {...takeOver.props} />;

  const readDevice = async (): Promise<SignInDevice> => {
    const [, opened] = await Promise.all([rest.loadApp(), rest.loadTablet()]);
    return opened;
  };
  const carryOn = async (signedInBefore: AppProps['signedInBefore']) => {
    try {
      const [FullApp, opened] = await Promise.all([rest.loadApp(), rest.loadTablet()]);
      setTakeOver({
        App: FullApp,
        props: { updates, openTablet: rest.openFirstThen(opened), signedInBefore },
      });
    } finally {
      onLinkFree?.();
    }
  };

  return (
    <AppFrame
      lang={lang}
      onSwitchLanguage={switchLanguage}
      route={route}
      isOnline={isOnline}
      isDemo={isDemo}
      banners={storageHealth ? <StorageBanner health={storageHealth} /> : null}
      onInput={() => {
        hasTyped.current = true;
      }}
    >
      <SignInPage
        readDevice={readDevice}
        onSignedIn={(response: SignInResponse) => carryOn({ staff: response })}
        onHeadquartersSignedIn={(headquarters: HeadquartersSignIn) => {
          carryOn({ headquarters }).catch((error: unknown) =>
            console.warn('Sakhi: the app did not load after sign-in', error),
          );
        }}
      />
    </AppFrame>
  );
}

/**
 * What her sign-in leads to on a new tablet: the PIN screen, and workbox-window, which
 * registers the service worker once she is signed in (service-worker.ts). Loaded behind the
 * form once the store is here, so her sign-in's answer shows the PIN screen and starts the
 * worker's download at once, not one more round trip and ~6 kB later over 2G. Failure is
 * harmless: each is loaded again where it is needed.
 */
function preloadWhatSignInLeadsTo(): void {
  Promise.all([import('../features/unlock/SetPinPage.tsx'), import('workbox-window')]).catch(
    () => undefined,
  );
}

/**
 * The app and the tablet's store, each loaded once; a load that failed (the link dropped)
 * is tried again by the next call, so her next press of "sign in" retries it.
 */
function createRestOfApp(openTablet: () => Promise<Tablet>) {
  return {
    loadApp: once(async () => (await import('./App.tsx')).App),
    loadTablet: once(openTablet),
    /** The tablet opened here first; a later opening (after a wipe) opens it afresh. */
    openFirstThen: (opened: Tablet) => {
      let first: Tablet | null = opened;
      return async () => {
        const tablet = first ?? (await openTablet());
        first = null;
        return tablet;
      };
    },
  };
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
