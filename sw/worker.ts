/// <reference lib="webworker" />
// The service worker: precaches the app shell so every screen opens offline, serves any
// app route (deep links too) from the cached index.html, and pushes saved changes on the
// Background Sync event the page registers after each save, so they go up with the app
// closed. Push only, and sealed: the worker never holds the data key, so it sends the
// outbox's boxes for headquarters (locked-push.ts); pulls wait for an unlocked app
// (docs/design.md, "Sync").
// Built as a second entry of the app's own build, so the worker shares the page's chunks
// (Dexie, zod, the sync code) instead of carrying its own copy over 2G; the script the
// browser registers is sw/registered-script.ts, which imports this.
// First: configures zod before any module parses with it.
import '../src/platform/zod-config.ts';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openKeylessStore } from '../src/data/keyless-store.ts';
import { pushLockedOutbox } from '../src/sync/locked-push.ts';
import { SyncError } from '../src/sync/sync-ports.ts';
import { backgroundPushTag } from '../src/sync/tablet-sync.ts';
import { tabletErasedMessage, wipeAfterRevocation } from '../src/sync/wipe-after-revocation.ts';
import { storeLaterFilesType, type PrecacheProgress } from '../src/platform/precache-progress.ts';
import {
  answerLaterFile,
  laterCacheName,
  splitManifest,
  storeLaterFiles,
  type WorkerManifestEntry,
} from './later-files.ts';
import { createInstallPrefetch } from './install-prefetch.ts';
import { createProgressPlugin } from './precache-progress.ts';

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

declare const self: ServiceWorkerGlobalScope;

/**
 * Everything the worker does, set up during its script's first run (as the browser
 * requires of event listeners). Called by the registered script, sw/sw.ts, with
 * the precache manifest injected into it at build time.
 */
export function startServiceWorker(precacheManifest: readonly WorkerManifestEntry[]): void {
  // The install holds what opens the app offline, signed in; the later screens follow it
  // (later-files.ts).
  const { install: manifest, laterUrls } = splitManifest(precacheManifest);
  const fetchSameOrigin = (url: string) => fetch(url, { credentials: 'same-origin' });
  const prefetch = createInstallPrefetch(manifest, self.location.href, async (url, cache) => {
    const response = await fetch(url, { credentials: 'same-origin', cache });
    await response.arrayBuffer();
    return response.ok;
  });
  // Registered before Workbox's own install listener, so the parallel fetches start first.
  self.addEventListener('install', (event) => {
    event.waitUntil(prefetch.run(async (url) => (await matchPrecache(url)) !== undefined));
  });
  addPlugins([
    prefetch.plugin,
    createProgressPlugin(manifest.length, (progress) => void tellPages(progress)),
  ]);
  precacheAndRoute(manifest);
  cleanupOutdatedCaches();
  const laterFiles = new Set(laterUrls);
  registerRoute(
    ({ url }) => laterFiles.has(url.href),
    async ({ request }) => answerLaterFile(request, await caches.open(laterCacheName), fetch),
  );
  // On first install there is no older worker to respect: take the open page at once, so it
  // works offline without a reload. An update still waits for the user (skipWaiting below).
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

  // API calls must reach the server (or fail, so sync can retry); never answer them with the shell.
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
  );

  self.addEventListener('message', (event: ExtendableMessageEvent) => {
    const type = (event.data as { type?: string } | null)?.type;
    // Sent by the page only when the user accepts "update ready", never mid-form.
    if (type === 'SKIP_WAITING') void self.skipWaiting();
    if (type === storeLaterFilesType) {
      event.waitUntil(
        caches
          .open(laterCacheName)
          .then((cache) => storeLaterFiles(laterUrls, cache, fetchSameOrigin)),
      );
    }
  });

  self.addEventListener('sync', (event) => {
    const syncEvent = event as SyncEvent;
    if (syncEvent.tag === backgroundPushTag) syncEvent.waitUntil(pushFromWorker());
  });
}

/**
 * The locked push (the worker never holds the data key): the outbox's boxes for
 * headquarters, signed with the device key, under the device lock (a page's run and this
 * never overlap). A failure time may cure rejects, so the browser fires the event again
 * later; one that needs a person (a key headquarters does not know) does not: the page
 * shows it. A revoked tablet pushes what it can, then wipes itself and tells open pages.
 */
async function pushFromWorker(): Promise<void> {
  const local = await openKeylessStore();
  const options = {
    db: local.database,
    clock: local.clock,
    deviceId: local.device.id,
    baseUrl: '',
  };
  try {
    await pushLockedOutbox(options);
  } catch (error) {
    if (error instanceof SyncError && error.code === 'device_revoked') {
      await wipeAfterRevocation(options);
      await tellPagesTabletErased();
      return;
    }
    if (!(error instanceof SyncError) || error.isTransient) throw error;
  } finally {
    local.close();
  }
}

async function tellPagesTabletErased(): Promise<void> {
  await tellPages({ type: tabletErasedMessage });
}

/** Every open page, controlled or not: a first visit's page is not controlled yet. */
async function tellPages(message: PrecacheProgress | { type: string }): Promise<void> {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage(message);
}
