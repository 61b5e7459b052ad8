/**
 * Registers sw.js. A new version waits until the user accepts it (applyUpdate), so a
 * half-filled form is never reloaded under her. workbox-window loads after the first
 * screen, so it does not count against the first screen's size, and the worker registers
 * only once `firstScreen` has settled: on a first visit, once the link is free of what her
 * sign-in waits for (FirstVisit.tsx, `onLinkFree`), since the install takes every
 * connection to the server for a minute over 2G.
 *
 * It also feeds the page's offline readiness (src/shell/offline-readiness.ts): the
 * worker's install reports, and `ready` once a worker is active — every file the app needs
 * to open offline stored; the active worker is then asked to store the later screens.
 */
import { readPrecacheProgress, storeLaterFilesType } from '../platform/precache-progress.ts';
import { offlineReadiness } from '../shell/offline-readiness.ts';

export function registerServiceWorker(
  onUpdateReady?: (applyUpdate: () => void) => void,
  firstScreen: Promise<unknown> = Promise.resolve(),
): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  watchOfflineReadiness(navigator.serviceWorker);
  // Registered even when the first screen failed to load: a retry then finds it cached.
  void firstScreen
    .catch(() => undefined)
    .then(async () => {
      const { Workbox } = await import('workbox-window');
      await withRetries(async () => {
        // A module worker: it imports the app's own chunks (scripts/service-worker-build.ts).
        const workbox = new Workbox('/sw.js', { scope: '/', type: 'module' });
        workbox.addEventListener('waiting', () => {
          onUpdateReady?.(() => {
            workbox.addEventListener('controlling', () => window.location.reload());
            workbox.messageSkipWaiting();
          });
        });
        await workbox.register();
      }, registrationRetryDelaysMs);
    })
    // Given up for now: the next time the app opens, it registers again.
    .catch(() => undefined);
}

/**
 * When to register again after a registration failed: the worker's script or one of its
 * chunks did not arrive (a link that dropped, a server refusing a socket while several
 * tablets behind one address install at once). Without a retry the tablet would stay
 * without offline use until the app was next opened.
 */
export const registrationRetryDelaysMs: readonly number[] = [5_000, 15_000, 60_000, 180_000];

/** Runs `attempt`, and again after each delay while it fails; rejects with the last failure. */
export async function withRetries(
  attempt: () => Promise<void>,
  delaysMs: readonly number[],
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delaysMs[tries];
      if (delay === undefined) throw error;
      await wait(delay);
    }
  }
}

function watchOfflineReadiness(workers: ServiceWorkerContainer): void {
  offlineReadiness.preparing();
  workers.addEventListener('message', (event: MessageEvent) => {
    const progress = readPrecacheProgress(event.data);
    if (progress) offlineReadiness.progressed(progress);
  });
  // A first visit's page is not controlled: its messages queue until this is called.
  workers.startMessages();
  void workers.ready.then((registration) => {
    offlineReadiness.ready();
    registration.active?.postMessage({ type: storeLaterFilesType });
  });
}
