/**
 * Sync while the app is open: on start, when the network comes back, soon after each save
 * (debounced), every minute, and sooner after a failure. Loaded after the first screen
 * (use-page-sync.ts imports it lazily), so the engine does not weigh on it.
 *
 * After each save the page also registers a Background Sync tag with the service worker,
 * so the change goes up when the network returns even if the app has been closed by then
 * (sw/worker.ts pushes on it).
 */
import { createSyncScheduler, type SyncStatus, type SyncTrigger } from '../sync/sync-scheduler.ts';
import { holdPageSyncPresence } from '../sync/page-sync-presence.ts';
import { backgroundPushTag, openTabletSync } from '../sync/tablet-sync.ts';
import type { SyncSource } from '../shell/open-stores.ts';

export interface PageSync {
  request(trigger: SyncTrigger): void;
  /** After a save: a debounced run, and a Background Sync tag for when the app is closed. */
  afterSave(): void;
  /**
   * Cancels the run in flight and plans none: settles, never rejecting, once that run has
   * ended, after which this page sync sends nothing and writes nothing. Sign-out and the
   * wipes wait for it before they clear anything.
   */
  stop(): Promise<void>;
}

export function startPageSync(
  source: SyncSource,
  onStatus: (status: SyncStatus) => void,
): PageSync {
  const tabletSync = openTabletSync({ ...source, baseUrl: '' });
  const scheduler = createSyncScheduler({
    // tabletSync.run holds the device-wide lock itself (the worker runs it too).
    run: (signal) => tabletSync.run({ shouldPull: true, signal }),
    withDeviceLock: (work) => work(),
    onStatus,
  });
  // While this page syncs, the worker's Background Sync push leaves the outbox to it.
  const releasePresence = holdPageSyncPresence();
  const onOnline = () => scheduler.request('online');
  window.addEventListener('online', onOnline);
  scheduler.request('start');
  return {
    request: (trigger) => scheduler.request(trigger),
    afterSave: () => {
      scheduler.request('saved');
      void registerBackgroundPush();
    },
    stop: async () => {
      window.removeEventListener('online', onOnline);
      await scheduler.stop();
      // Only now: until the run ended, this page was still the one syncing.
      releasePresence();
    },
  };
}

interface SyncManagerSlice {
  register(tag: string): Promise<void>;
}

/** Where the browser has Background Sync (Chromium); elsewhere the page's own runs suffice. */
async function registerBackgroundPush(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    const sync = (registration as ServiceWorkerRegistration & { sync?: SyncManagerSlice }).sync;
    await sync?.register(backgroundPushTag);
  } catch (error) {
    // Not fatal: the page still syncs while open, and the next save registers again.
    console.warn('Sakhi: background sync could not be registered', error);
  }
}
