/**
 * The install's two helpers for a slow link:
 * - Progress: every file the precache stores is counted and the count posted to open
 *   pages (src/platform/precache-progress.ts), so a first visit shows how far offline use is.
 * - Parallel fetching: Workbox's precache fetches its files one after another; on a
 *   500 ms round trip that idles the link between files. The hashed assets (immutable,
 *   cached by the browser for a year) are fetched together beforehand, a few at a time,
 *   so Workbox's own fetch of each finds it in the browser's HTTP cache. What must stay
 *   true: Workbox alone decides what is precached and when the install is complete; a
 *   failed early fetch only costs the time Workbox then spends fetching it itself.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { precacheProgressType, type PrecacheProgress } from '../src/platform/precache-progress.ts';

/** Chromium's connections per host over HTTP/1.1: more would only queue in the browser. */
const parallelFetches = 6;

export function createProgressPlugin(
  total: number,
  report: (progress: PrecacheProgress) => void,
): WorkboxPlugin {
  let done = 0;
  return {
    cacheDidUpdate: () => {
      done = Math.min(total, done + 1);
      report({ type: precacheProgressType, done, total });
      return Promise.resolve();
    },
  };
}

/** The manifest's entries Workbox fetches by their own URL (no revision added to it). */
export function listHashedUrls(
  manifest: readonly (string | { url: string; revision?: string | null })[],
): string[] {
  return manifest.flatMap((entry) =>
    typeof entry === 'string' ? [entry] : entry.revision ? [] : [entry.url],
  );
}

/** Fetches `urls` a few at a time into the browser's HTTP cache; never rejects. */
export async function warmHttpCache(
  urls: readonly string[],
  fetchOne: (url: string) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const fetchInTurn = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      await fetchOne(url).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: parallelFetches }, fetchInTurn));
}
