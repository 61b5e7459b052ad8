/**
 * Shell-first install on a slow link: the worker's install (its precache) holds what the
 * app needs to open again offline, signed in, and do her casework; the screens opened now
 * and then by a tap (the monthly report, referral letters, the console) are stored just
 * after the worker activates, so "ready to work offline" does not wait for them
 * (scripts/precache-split.ts decides which, from the list in vite.config.ts).
 *
 * What must stay true: a later file is served from this cache when stored, else from the
 * network (and then stored); the cache holds only the current build's later files; and
 * storing them never holds up the worker's activation.
 */

/** Not a "-precache-" name: Workbox's cleanup of outdated precaches must not touch it. */
export const laterCacheName = 'sakhi-later-screens';

export type WorkerManifestEntry = string | { url: string; revision?: string | null };

/** Splits the injected manifest into the install's entries and the later files' URLs. */
export function splitManifest(manifest: readonly WorkerManifestEntry[]): {
  readonly install: WorkerManifestEntry[];
  readonly laterUrls: string[];
} {
  const install: WorkerManifestEntry[] = [];
  const laterUrls: string[] = [];
  for (const entry of manifest) {
    if (typeof entry !== 'string' && (entry as { later?: unknown }).later === true) {
      laterUrls.push(new URL(entry.url, self.location.href).href);
    } else install.push(entry);
  }
  return { install, laterUrls };
}

/** Stores the later files not stored yet, and drops those of older builds; never rejects. */
export async function storeLaterFiles(
  laterUrls: readonly string[],
  cache: Cache,
  fetchOne: (url: string) => Promise<Response>,
): Promise<void> {
  const current = new Set(laterUrls);
  for (const request of await cache.keys()) {
    if (!current.has(request.url)) await cache.delete(request);
  }
  await Promise.all(
    laterUrls.map(async (url) => {
      if (await cache.match(url)) return;
      const response = await fetchOne(url).catch(() => null);
      if (response?.ok) await cache.put(url, response).catch(() => undefined);
    }),
  );
}

/** A later file: from the cache, else from the network, stored on the way. */
export async function answerLaterFile(
  request: Request,
  cache: Cache,
  fetchOne: (request: Request) => Promise<Response>,
): Promise<Response> {
  const stored = await cache.match(request);
  if (stored) return stored;
  const response = await fetchOne(request);
  if (response.ok) await cache.put(request, response.clone()).catch(() => undefined);
  return response;
}
