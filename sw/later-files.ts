/**
 * Shell-first install on a slow link: the worker's install (its precache) holds what the
 * app needs to open again offline, signed in, and do her casework; the screens opened now
 * and then by a tap (the monthly report, referral letters, the console) are stored just
 * after the worker activates, so "ready to work offline" does not wait for them
 * (scripts/precache-split.ts decides which, from the list in vite.config.ts). So are the
 * web app manifest and its icons: what adding the app to the home screen reads, not what
 * opens it. They are not hashed, so the install would fetch each fresh, one after another:
 * four round trips on 2G before "ready". They are told apart here, not at build time,
 * because the PWA plugin adds them to the manifest after the build's own transforms run.
 *
 * What must stay true: a later file is served from this cache when stored, else from the
 * network (and then stored); the cache holds only the current build's later files, each
 * at its current revision (an icon keeps its name when it changes); and storing them
 * never holds up the worker's activation.
 */

/** Not a "-precache-" name: Workbox's cleanup of outdated precaches must not touch it. */
export const laterCacheName = 'sakhi-later-screens';

export type WorkerManifestEntry = string | { url: string; revision?: string | null };

/** A file stored after activation: where it is fetched from, and where it is kept. */
export interface LaterFile {
  /** Absolute URL, as the page asks for it. */
  readonly url: string;
  /** `url`, with the file's revision added when its name does not change with it. */
  readonly cacheKey: string;
}

/** Splits the injected manifest into the install's entries and the later files. */
export function splitManifest(manifest: readonly WorkerManifestEntry[]): {
  readonly install: WorkerManifestEntry[];
  readonly later: LaterFile[];
} {
  const install: WorkerManifestEntry[] = [];
  const later: LaterFile[] = [];
  for (const entry of manifest) {
    const isMarked = typeof entry !== 'string' && (entry as { later?: unknown }).later === true;
    const url = typeof entry === 'string' ? entry : entry.url;
    if (!isMarked && !isForTheHomeScreen(url)) {
      install.push(entry);
      continue;
    }
    const absolute = new URL(url, self.location.href);
    const revision = typeof entry === 'string' ? null : entry.revision;
    const cacheKey = new URL(absolute);
    if (revision) cacheKey.searchParams.set('__later_revision', revision);
    later.push({ url: absolute.href, cacheKey: cacheKey.href });
  }
  return { install, later };
}

/** The web app manifest and its icons (a path relative to the app's root). */
function isForTheHomeScreen(url: string): boolean {
  return url === 'manifest.webmanifest' || (!url.includes('/') && url.endsWith('.png'));
}

/** Stores the later files not stored yet, and drops older ones; never rejects. */
export async function storeLaterFiles(
  later: readonly LaterFile[],
  cache: Cache,
  fetchOne: (url: string) => Promise<Response>,
): Promise<void> {
  const current = new Set(later.map((file) => file.cacheKey));
  for (const request of await cache.keys()) {
    if (!current.has(request.url)) await cache.delete(request);
  }
  await Promise.all(
    later.map(async ({ url, cacheKey }) => {
      if (await cache.match(cacheKey)) return;
      const response = await fetchOne(url).catch(() => null);
      if (response?.ok) await cache.put(cacheKey, response).catch(() => undefined);
    }),
  );
}

/** A later file: from the cache, else from the network, stored on the way. */
export async function answerLaterFile(
  request: Request,
  file: LaterFile,
  cache: Cache,
  fetchOne: (request: Request) => Promise<Response>,
): Promise<Response> {
  const stored = await cache.match(file.cacheKey);
  if (stored) return stored;
  const response = await fetchOne(request);
  if (response.ok) await cache.put(file.cacheKey, response.clone()).catch(() => undefined);
  return response;
}
