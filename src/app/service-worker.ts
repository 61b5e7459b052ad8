import { Workbox } from 'workbox-window';

/**
 * Registers sw.js. A new version waits until the user accepts it (applyUpdate), so a
 * half-filled form is never reloaded under her.
 */
export function registerServiceWorker(onUpdateReady?: (applyUpdate: () => void) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    onUpdateReady?.(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  void workbox.register();
}
