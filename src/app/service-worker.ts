/**
 * Registers sw.js. A new version waits until the user accepts it (applyUpdate), so a
 * half-filled form is never reloaded under her. workbox-window loads after the first
 * screen, so it does not count against the first screen's size.
 */
export function registerServiceWorker(onUpdateReady?: (applyUpdate: () => void) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  void import('workbox-window').then(({ Workbox }) => {
    const workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => {
      onUpdateReady?.(() => {
        workbox.addEventListener('controlling', () => window.location.reload());
        workbox.messageSkipWaiting();
      });
    });
    return workbox.register();
  });
}
