/**
 * The install, all at once on a slow link. Workbox's precache fetches its files one after
 * another; on a 500 ms round trip that idles the link between files. So every file the
 * install will fetch is fetched first, a few at a time, in the manifest's order (the order
 * Workbox then goes through them):
 * - a hashed file (immutable, kept by the browser for a year) into the HTTP cache, where
 *   Workbox's own fetch then finds it;
 * - a file whose name does not change with it (index.html, boot.css), which Workbox
 *   fetches with `cache: 'reload'`, fresh from the server: fetched fresh here the same
 *   way, and Workbox's fetch then takes exactly that copy from the HTTP cache
 *   (`force-cache`) instead of a second round trip.
 * Workbox's fetch of a file waits for its early fetch (the plugin), so no file crosses
 * the link twice at once.
 *
 * What must stay true: Workbox alone decides what is precached and when the install is
 * complete; a file is taken from the HTTP cache without asking the server only when this
 * install has just fetched it fresh (never an older copy the cache may still hold); and a
 * failed early fetch only costs the time Workbox then spends fetching it itself.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';
import type { WorkerManifestEntry } from './later-files.ts';

/** Chromium's connections per host over HTTP/1.1: more would only queue in the browser. */
const parallelFetches = 6;

export interface InstallPrefetch {
  /** Fetches every file not stored yet; resolves once all have settled, never rejects. */
  run(isStored: (url: string) => Promise<boolean>): Promise<void>;
  /** Makes Workbox's fetch of a file wait for its early fetch, and use what it brought. */
  readonly plugin: WorkboxPlugin;
}

/**
 * `fetchOne` fetches a URL with the given cache mode and reads its body through (so the
 * HTTP cache holds all of it when it resolves); it resolves whether the answer was ok.
 */
export function createInstallPrefetch(
  manifest: readonly WorkerManifestEntry[],
  baseUrl: string,
  fetchOne: (url: string, cache: RequestCache) => Promise<boolean>,
): InstallPrefetch {
  const files = manifest.map((entry) => ({
    url: new URL(typeof entry === 'string' ? entry : entry.url, baseUrl).href,
    isRevisioned: typeof entry !== 'string' && Boolean(entry.revision),
  }));
  const fetched = new Map<string, Promise<boolean>>();
  let started: (() => void) | undefined;
  const hasStarted = new Promise<void>((resolve) => (started = resolve));

  return {
    async run(isStored) {
      const toFetch: typeof files = [];
      for (const file of files) {
        if (!(await isStored(file.url).catch(() => false))) toFetch.push(file);
      }
      const pending = toFetch.map((file) => {
        let settle: (isOk: boolean) => void = () => undefined;
        fetched.set(file.url, new Promise<boolean>((resolve) => (settle = resolve)));
        return { ...file, settle };
      });
      started?.();
      let next = 0;
      const fetchInTurn = async (): Promise<void> => {
        while (next < pending.length) {
          const file = pending[next++]!;
          const isOk = await fetchOne(file.url, file.isRevisioned ? 'reload' : 'default').catch(
            () => false,
          );
          file.settle(isOk);
        }
      };
      await Promise.all(Array.from({ length: parallelFetches }, fetchInTurn));
    },
    plugin: {
      requestWillFetch: async ({ request, event }) => {
        // Only the install's fetches: a fetch a page causes later is never held up.
        if (event?.type !== 'install') return request;
        await hasStarted;
        const isOk = await fetched.get(request.url);
        if (isOk !== true || request.cache !== 'reload') return request;
        return new Request(request, { cache: 'force-cache' });
      },
    },
  };
}
