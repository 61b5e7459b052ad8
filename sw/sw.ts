/// <reference lib="webworker" />
// The service worker: precaches the app shell so every screen opens offline, and serves
// any app route (deep links too) from the cached index.html.
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// On first install there is no older worker to respect: take the open page at once, so it
// works offline without a reload. An update still waits for the user (skipWaiting below).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// API calls must reach the server (or fail, so sync can retry); never answer them with the shell.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  // Sent by the page only when the user accepts "update ready", never mid-form.
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
