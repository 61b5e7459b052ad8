/**
 * What the app's sync engine keeps about its runs in the tablet's IndexedDB `meta` store,
 * read from the page, and a sync run started the way the network starts one.
 *
 *   const before = await readLastSyncAt(page);
 *   ...
 *   await syncNow(tablet);   // network off and on: the `online` event starts a run
 */
import type { Page } from 'playwright-core';
import type { LaunchedChromium } from './chromium.ts';
import { pollUntil } from './case-register-steps.ts';

/**
 * One value of the `meta` store; null while the app has not made its database yet. Never
 * creates the database: only the app may, at its own version.
 */
export function readTabletMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (metaKey) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('sakhi');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) {
            db.close();
            resolve(null);
            return;
          }
          const read = db.transaction('meta').objectStore('meta').get(metaKey);
          read.onsuccess = () => {
            db.close();
            resolve((read.result as { value?: unknown } | undefined)?.value ?? null);
          };
          read.onerror = () => {
            db.close();
            reject(read.error ?? new Error('meta read failed'));
          };
        };
      }),
    key,
  );
}

/** When a sync run last finished without error here. */
export function readLastSyncAt(page: Page): Promise<string | null> {
  return readTime(page, 'lastSyncAt');
}

/** When a sync run that pushed and pulled last finished here. */
export function readLastFullSyncAt(page: Page): Promise<string | null> {
  return readTime(page, 'lastFullSyncAt');
}

async function readTime(page: Page, key: string): Promise<string | null> {
  const value = await readTabletMeta(page, key);
  return typeof value === 'string' ? value : null;
}

export interface NamedTablet {
  /** How the test's messages name it: "A", "B"… */
  readonly name: string;
  readonly browser: LaunchedChromium;
  readonly page: Page;
}

export interface SyncNowOptions {
  /** What counts as finished: any run without error (the default), or one that pushed and pulled. */
  readonly readFinished?: (page: Page) => Promise<string | null>;
  readonly timeoutMs?: number;
}

/**
 * Network off and on again: the `online` event starts a sync run; waits until a run
 * started after that has finished.
 */
export async function syncNow(
  tablet: Pick<NamedTablet, 'browser' | 'page'> & { readonly name?: string },
  { readFinished = readLastSyncAt, timeoutMs }: SyncNowOptions = {},
): Promise<void> {
  const before = await readFinished(tablet.page);
  await tablet.browser.context.setOffline(true);
  await tablet.browser.context.setOffline(false);
  await pollUntil(
    () => readFinished(tablet.page),
    (at) => at !== null && at !== before,
    tablet.name ? `a finished sync on tablet ${tablet.name}` : 'a finished sync run',
    timeoutMs,
  );
}
