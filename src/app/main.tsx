// First: configures zod before any module parses with it.
import '../platform/zod-config.ts';
import { render } from 'preact';
import './app.css';
import { LangContext, loadLang } from '../i18n/lang.ts';
import { interceptLinkClicks } from '../shell/router.ts';
import type { AppProps } from './App.tsx';
import { FirstVisit } from './FirstVisit.tsx';
import { isFirstVisit } from './first-visit.ts';
import { LazyScreen } from './LazyScreen.tsx';
import { registerServiceWorker } from './service-worker.ts';
import { createUpdateSignal } from './update-signal.ts';

// A tablet with a store loads the full app (the service worker has it cached); a new one
// shows the sign-in form first, from this file's own chunk, and loads the rest behind it.
const loadApp = () => import('./App.tsx').then((module) => module.App);

const updates = createUpdateSignal();
const root = document.getElementById('app');
const firstScreen = root ? start(root) : Promise.resolve();
registerServiceWorker(updates.announce, firstScreen);

async function start(root: HTMLElement): Promise<void> {
  interceptLinkClicks(root);
  if (await isFirstVisit()) {
    await new Promise<void>((linkIsFree) => {
      render(<FirstVisit updates={updates} onLinkFree={linkIsFree} />, root);
    });
    return;
  }
  try {
    const App = await loadApp();
    render(<App updates={updates} />, root);
  } catch {
    // Its code did not arrive: say so, in her language, with a button that tries again.
    render(
      <LangContext.Provider value={loadLang()}>
        <LazyScreen<AppProps> load={loadApp} props={{ updates }} />
      </LangContext.Provider>,
      root,
    );
  }
}
