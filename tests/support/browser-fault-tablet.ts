/**
 * A tablet of the browser fault harness (tests/sync-faults-browser.faults.test.ts): the
 * built app in real Chromium on a profile that outlives the browser, so a test can close
 * its tab or SIGKILL the whole browser in the middle of something and open the same
 * tablet again, as a person would after a crash or a flat battery.
 *
 * What it reads back, it reads with plain IndexedDB (never the app's code): the clear
 * parts of stored rows (ids, derived columns, the pull cursor), the outbox's size.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './chromium.ts';
import { watchForPageProblems } from './page-problems.ts';
import {
  countOutboxRows,
  field,
  signIn,
  unlockWithPin,
  waitForControllingWorker,
} from './case-register-steps.ts';
import { readTabletMeta, syncNow } from './tablet-meta.ts';

export interface BrowserTablet {
  readonly profileDir: string;
  browser: LaunchedChromium;
  page: Page;
  readonly problems: string[];
  readonly serverUrl: string;
}

/** Launches a new tablet, signs in as the demo caseworker (choosing her PIN) and waits for the worker. */
export async function openBrowserTablet(serverUrl: string): Promise<BrowserTablet> {
  const profileDir = mkdtempSync(join(tmpdir(), 'sakhi-faults-chromium-'));
  const browser = await launchChromium({ keptProfileDir: profileDir });
  await limitOriginQuota(browser, serverUrl);
  const page = await browser.context.newPage();
  const tablet: BrowserTablet = { profileDir, browser, page, problems: [], serverUrl };
  watchPage(tablet, page);
  await page.goto(serverUrl);
  await signIn(page);
  await waitForControllingWorker(page);
  return tablet;
}

function watchPage(tablet: BrowserTablet, page: Page): void {
  watchForPageProblems(page, tablet.problems);
}

/** A new tab on the same browser, the app locked until her PIN, then the case list. */
export async function openNewTab(tablet: BrowserTablet, path = '/'): Promise<Page> {
  const page = await tablet.browser.context.newPage();
  watchPage(tablet, page);
  await page.goto(new URL(path, tablet.serverUrl).href);
  await unlockWithPin(page);
  await page.getByTestId('nav-new-case').waitFor({ timeout: 15_000 });
  tablet.page = page;
  return page;
}

/** The tab closed at once, as a person swiping it away: no unload handler is waited for. */
export async function closeTab(tablet: BrowserTablet): Promise<void> {
  await tablet.page.close({ runBeforeUnload: false });
}

/**
 * SIGKILL to the browser's main process (found by its profile folder in /proc): no
 * shutdown, no flush, whatever was in flight is cut, as when the tablet dies.
 */
export async function killBrowser(tablet: BrowserTablet): Promise<void> {
  const pid = findBrowserProcess(tablet.profileDir);
  const closed = new Promise((resolve) => tablet.browser.context.once('close', resolve));
  process.kill(pid, 'SIGKILL');
  await closed;
}

function findBrowserProcess(profileDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string[];
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended while we looked
    }
    const isOurs = commandLine.some((arg) => arg === `--user-data-dir=${profileDir}`);
    const isChild = commandLine.some((arg) => arg.startsWith('--type='));
    if (isOurs && !isChild) return Number(entry);
  }
  throw new Error(`no browser process runs on ${profileDir}`);
}

/** The same tablet started again after its browser died: same profile, PIN unlock. */
export async function restartBrowser(tablet: BrowserTablet): Promise<void> {
  tablet.browser = await launchChromium({ keptProfileDir: tablet.profileDir });
  const keeper = await limitOriginQuota(tablet.browser, tablet.serverUrl);
  await openNewTab(tablet);
  // Tabs the restarted browser restored are not ours.
  for (const page of tablet.browser.context.pages()) {
    if (page !== tablet.page && page !== keeper) await page.close();
  }
}

export async function closeBrowserTablet(tablet: BrowserTablet): Promise<void> {
  try {
    await tablet.browser.close();
  } finally {
    rmSync(tablet.profileDir, { recursive: true, force: true });
  }
}

/** What a pull has reached, as stored (meta `syncCursor`, kept clear). */
export function readPullCursor(page: Page): Promise<string | null> {
  return readTabletMeta(page, 'syncCursor').then((value) => {
    const cursor = (value as { cursor?: unknown } | null)?.cursor;
    return typeof cursor === 'string' ? cursor : null;
  });
}

/** The clear columns of a stored case or entry row: written with its sealed fields, or not at all. */
export interface StoredRowColumns {
  readonly id: string;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly status?: string;
  readonly entryType?: string;
}

export interface StoredRecords {
  readonly cases: readonly StoredRowColumns[];
  readonly entries: readonly StoredRowColumns[];
  /** Outbox rows a server refused (kept, with their clear refusal code). */
  readonly refused: number;
}

export function readStoredRecords(page: Page): Promise<StoredRecords> {
  return page.evaluate(
    () =>
      new Promise<StoredRecords>((resolve, reject) => {
        const open = indexedDB.open('sakhi');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['cases', 'entries', 'outbox']);
          const cases = transaction.objectStore('cases').getAll();
          const entries = transaction.objectStore('entries').getAll();
          const outbox = transaction.objectStore('outbox').getAll();
          const columnsOf = (row: Record<string, unknown>) => ({
            id: String(row.id),
            caseId: row.caseId as string | undefined,
            caseNumber: row.caseNumber as string | undefined,
            status: row.status as string | undefined,
            entryType: row.entryType as string | undefined,
          });
          transaction.oncomplete = () => {
            db.close();
            resolve({
              cases: (cases.result as Record<string, unknown>[]).map(columnsOf),
              entries: (entries.result as Record<string, unknown>[]).map(columnsOf),
              refused: (outbox.result as { rejection?: unknown }[]).filter((row) => row.rejection)
                .length,
            });
          };
          transaction.onerror = () => {
            db.close();
            reject(transaction.error ?? new Error('store read failed'));
          };
        };
      }),
  );
}

/**
 * Network off and on: the `online` event starts a run (push, then pull). Waits for a run
 * started after that to finish without error; returns false if none did in `timeoutMs`.
 */
export async function syncOnce(tablet: BrowserTablet, timeoutMs = 15_000): Promise<boolean> {
  return syncNow(tablet, { timeoutMs }).then(
    () => true,
    () => false,
  );
}

/** Syncs on a good link until nothing waits in the outbox. */
export async function syncUntilSent(tablet: BrowserTablet): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const isDone = await syncOnce(tablet);
    if (isDone && (await countOutboxRows(tablet.page)) === 0) return;
  }
  throw new Error('the browser tablet did not empty its outbox on a good link');
}

/** On the open case page: a note, saved and shown in the timeline (confirmed to her). */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('action-note').click();
  await field(page.getByTestId('note-form'), 'text').fill(text);
  await page.getByTestId('note-form-save').click();
  await page.getByTestId('entry-note').filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

/**
 * The origin's quota in this browser (DevTools protocol): small enough that a test can
 * fill it, as a full tablet is. Chromium reads it when the origin's IndexedDB opens, so it
 * is set before the app first loads, and again on each start of the browser.
 */
export const originQuotaBytes = 64 * 1024 * 1024;

/**
 * Sets the quota from a blank tab kept open for the browser's life: Chromium drops a
 * DevTools override when the session that set it goes, so the app's own tabs (closed by
 * the scenarios) must not hold it. Returns that tab.
 */
async function limitOriginQuota(browser: LaunchedChromium, serverUrl: string): Promise<Page> {
  const keeper = browser.context.pages()[0] ?? (await browser.context.newPage());
  const session = await browser.context.newCDPSession(keeper);
  await session.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(serverUrl).origin,
    quotaSize: originQuotaBytes,
  });
  return keeper;
}

/**
 * Fills what is left of the origin's quota with a database of its own (random bytes, which
 * do not compress), down to a few hundred bytes: every save bigger than that is refused by
 * IndexedDB itself with QuotaExceededError. Returns the bytes written.
 */
export async function fillStorage(page: Page): Promise<number> {
  const written = await page.evaluate(async (quota) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('quota-filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('filler', { autoIncrement: true });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('filler open failed'));
    });
    const put = (size: number) =>
      new Promise<boolean>((resolve) => {
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65_536) {
          crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
        }
        const transaction = db.transaction('filler', 'readwrite');
        transaction.objectStore('filler').add(bytes);
        transaction.oncomplete = () => resolve(true);
        transaction.onabort = () => resolve(false);
      });
    let written = 0;
    for (const size of [4 << 20, 1 << 20, 1 << 18, 1 << 16, 1 << 14, 1 << 12, 1 << 10, 1 << 8]) {
      while (written <= quota && (await put(size))) written += size;
    }
    db.close();
    return written;
  }, originQuotaBytes);
  if (written > originQuotaBytes) {
    throw new Error(
      `${written} bytes went in: the origin's quota of ${originQuotaBytes} is not in force`,
    );
  }
  return written;
}

/** Space freed again: the filler database deleted. */
export function freeStorage(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const deletion = indexedDB.deleteDatabase('quota-filler');
        deletion.onsuccess = () => resolve();
        deletion.onerror = () => reject(deletion.error ?? new Error('filler delete failed'));
      }),
  );
}
