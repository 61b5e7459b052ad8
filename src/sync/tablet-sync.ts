/**
 * The tablet's sync, as the page and the service worker both run it: the engine's ports
 * over this tablet's store (local-sync.ts), HTTP with the signed-in session's token, and
 * one runner per device.
 *
 *   const sync = openTabletSync({ db, clock, deviceId, baseUrl: '' });
 *   await sync.run({ shouldPull: true });    // the page, unlocked
 *   await sync.run({ shouldPull: false });   // the service worker: push only
 *
 * What must always hold:
 * - Every run holds the `sakhi-sync` Web Lock, so a page, another tab and the service
 *   worker never run at once on one tablet (two runners would push the same mutations
 *   and race on the cursor; harmless to the server, but wasteful and confusing).
 * - The token is read from the store for each request, never kept: a sign-out or a new
 *   sign-in in another tab is seen at once.
 * - With no one signed in nothing is sent: the run stops as `session_expired`, and the
 *   outbox waits for the next sign-in.
 * - A run whose `signal` is aborted (the page stopped its sync) touches neither the store
 *   nor the server again, and ends at once even while it still waits for the lock.
 */
import type { HybridClock } from '../domain/hlc.ts';
import type { SakhiDatabase } from '../data/database.ts';
import { readSession } from '../data/session.ts';
import { readCorrectedNow } from '../data/stored-clock.ts';
import { recordSyncSuccess } from '../data/sync-state.ts';
import { browserDeviceLock, type WithDeviceLock } from '../platform/device-lock.ts';
import { createHttpTransport } from './http-transport.ts';
import { createLocalSyncPorts } from './local-sync.ts';
import { sealOutboxForServer } from './outbox-sealing.ts';
import { SyncError, syncStopped, throwIfStopped } from './sync-ports.ts';
import { runSync, type SyncReport, type SyncRunOptions } from './sync-run.ts';

export const syncLockName = 'sakhi-sync';

/** The Background Sync tag the page registers after each save; the worker pushes on it. */
export const backgroundPushTag = 'sakhi-push';

export interface TabletSyncOptions {
  readonly db: SakhiDatabase;
  /** The clock this context's saves stamp with (the page's, or the worker's own). */
  readonly clock: HybridClock;
  readonly deviceId: string;
  /** '' for the page's (or worker's) own origin. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly withDeviceLock?: WithDeviceLock;
}

export interface TabletSync {
  /** One whole run under the device lock; rejects with a SyncError when it stops early. */
  run(options: SyncRunOptions): Promise<SyncReport>;
}

export function openTabletSync(options: TabletSyncOptions): TabletSync {
  const { db, clock, deviceId } = options;
  const readToken = async () => (await readSession(db))?.token ?? null;
  const transport = createHttpTransport({
    baseUrl: options.baseUrl,
    readToken,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const ports = createLocalSyncPorts({ db, clock, deviceId, transport });
  const withDeviceLock = options.withDeviceLock ?? browserDeviceLock();
  return {
    run: (runOptions) => {
      const { signal } = runOptions;
      let isGranted = false;
      const held = withDeviceLock(syncLockName, async () => {
        isGranted = true;
        throwIfStopped(signal);
        if ((await readToken()) === null) {
          throw new SyncError('session_expired', 'no one is signed in on this tablet');
        }
        throwIfStopped(signal);
        // Offline too: a change saved offline needs its box before the app is locked or closed.
        await sealOutboxBeforePush(db, deviceId);
        // Known offline: fail as the fetch would, without a request the browser logs as an error.
        if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) {
          throw new SyncError('offline', 'the tablet is offline');
        }
        const report = await runSync(ports, runOptions);
        throwIfStopped(signal);
        await recordSyncSuccess(db, readCorrectedNow(clock), { hasPulled: runOptions.shouldPull });
        return report;
      });
      if (!signal) return held;
      // Stopped while still queued for the lock (behind the worker's push, say): the run
      // has ended, for once granted it only finds itself stopped. Stopped while working: it
      // ends at its next check, and its promise settles then.
      return new Promise<SyncReport>((resolve, reject) => {
        const endIfQueued = () => {
          if (!isGranted) reject(syncStopped());
        };
        if (signal.aborted) endIfQueued();
        signal.addEventListener('abort', endIfQueued);
        held.finally(() => signal.removeEventListener('abort', endIfQueued)).then(resolve, reject);
      });
    },
  };
}

/**
 * Boxes for headquarters before each session push: should this push fail (offline), the
 * locked tablet can still send them. Only the locked push needs them, so a tablet whose
 * browser cannot seal (no X25519 in WebCrypto) still syncs while unlocked.
 */
async function sealOutboxBeforePush(db: SakhiDatabase, deviceId: string): Promise<void> {
  try {
    await sealOutboxForServer({ db, deviceId });
  } catch {
    // The rows keep no box and wait for the session push; the next run tries again.
  }
}
