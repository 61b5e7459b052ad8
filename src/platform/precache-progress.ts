/**
 * What the service worker tells open pages while it installs: how many of the files it
 * must hold for offline use it already holds. The page shows it ("preparing for offline
 * use — n of m") and promises offline use only once the worker is active, i.e. holds all.
 */
export const precacheProgressType = 'sakhi-precache-progress' as const;

/**
 * Sent by the page to the active worker: store the screens its install left for later
 * (sw/later-files.ts). Idempotent, so every page load sends it.
 */
export const storeLaterFilesType = 'sakhi-store-later-files' as const;

export interface PrecacheProgress {
  readonly type: typeof precacheProgressType;
  /** Files cached so far by this install; never more than `total`. */
  readonly done: number;
  readonly total: number;
}

/** A message from the worker, if it is a progress report; anything else is not. */
export function readPrecacheProgress(message: unknown): PrecacheProgress | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, done, total } = message as Record<string, unknown>;
  if (type !== precacheProgressType) return null;
  if (!Number.isInteger(done) || !Number.isInteger(total)) return null;
  const [doneCount, totalCount] = [done as number, total as number];
  if (doneCount < 0 || totalCount < 1 || doneCount > totalCount) return null;
  return { type, done: doneCount, total: totalCount };
}
