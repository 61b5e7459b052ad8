/**
 * Which context pushes when the network returns. The page of an unlocked app runs the
 * whole sync itself (src/app/page-sync.ts): on `online`, after each save, every minute,
 * with its session, a gzip body and the pull after it. The service worker's Background
 * Sync push (locked-push.ts) is for when no such page is there: the app locked or closed.
 * Both are woken by the network's return, and whichever took the device lock first made
 * the other wait. When the worker won, the day's work crossed as sealed boxes, which do
 * not compress, and a tablet on 2G waited for them before its own push and pull.
 *
 * So a page holds a shared Web Lock (`pageSyncLockName`) while its sync is started, and
 * the worker's push stands aside while anyone holds it. What must always hold:
 * - Only a page whose sync is started holds it: it is let go when the app locks or signs
 *   out, and the browser lets go of a closed page's locks, so a locked or closed app
 *   always has its worker's push.
 * - A page that holds it hears `online` and pushes: Chromium does not freeze a hidden page
 *   that holds a Web Lock.
 * - Standing aside loses nothing: the page pushes the same outbox, and a row leaves the
 *   outbox only on headquarters' acknowledgement.
 */

export const pageSyncLockName = 'sakhi-sync-page';

/** The part of `navigator.locks` this needs; tests pass a fake. */
export interface PresenceLocks {
  request(
    name: string,
    options: { readonly mode: 'shared' },
    callback: () => Promise<void>,
  ): Promise<void>;
  query(): Promise<{ readonly held?: readonly { readonly name?: string }[] }>;
}

function browserLocks(): PresenceLocks | null {
  return (globalThis as { navigator?: { locks?: PresenceLocks } }).navigator?.locks ?? null;
}

/**
 * Says "this page syncs by itself" until the returned function is called. Without Web
 * Locks it says nothing, and the worker pushes as it always did (the device lock then
 * still keeps the two apart).
 */
export function holdPageSyncPresence(locks = browserLocks()): () => void {
  if (locks === null) return () => undefined;
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  locks.request(pageSyncLockName, { mode: 'shared' }, () => held).catch(() => undefined);
  return release;
}

/** True while a page of the app (any tab) has its sync started. */
export async function isPageSyncing(locks = browserLocks()): Promise<boolean> {
  if (locks === null) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === pageSyncLockName);
}
