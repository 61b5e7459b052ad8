/**
 * A district centre's link, in real Chromium: the built app and the real server behind the
 * throttling proxy (tests/support/throttle-proxy.ts) at 50 kbit/s down, 25 up, 500 ms round
 * trip. One tablet's first visit (what shows when, and whether "ready to work offline" is
 * true: the app reopens with the network off), a day's work (3 cases, 20 notes) synced,
 * a second tablet's first sync, a sync whose connection goes silent (no reset) for 10 s,
 * and a revisit when nothing changed. Prints each figure against its target.
 * Needs `vite build` first (it serves dist/).
 *
 * By default the link carries plain HTTP/1.1 to the server, the worst case. With
 * SAKHI_LINK_HTTP=2 it carries TLS and HTTP/2, as behind the reverse proxy of
 * docs/operations.md (tests/support/h2-terminator.ts): one connection, headers compressed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  CHROMIUM_INSTALL_HINT,
  chromiumExecutable,
  launchChromium,
  type LaunchedChromium,
} from '../tests/support/chromium.ts';
import {
  chooseNewPin,
  demoCaseworker,
  submitSignIn,
  testPin,
  unlockWithPin,
} from '../tests/support/case-register-steps.ts';
import { DIST_DIR } from '../tests/support/paths.ts';
import { startTestServer } from '../tests/support/server.ts';
import {
  addNote,
  firstVisitAnswerKinds,
  measureHeaderBytes,
  readLastSyncAt,
  recordDaysWork,
  waitForSyncAfter,
} from '../tests/support/slow-link-steps.ts';
import { startTlsTerminator } from '../tests/support/h2-terminator.ts';
import { startThrottleProxy } from '../tests/support/throttle-proxy.ts';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';

const link = { downKbitPerSecond: 50, upKbitPerSecond: 25, roundTripMs: 500 };
const silenceMs = 10_000;

interface Figure {
  readonly what: string;
  readonly value: string;
  readonly target: string;
  readonly isMet: boolean | null;
}

if (!existsSync(chromiumExecutable())) {
  console.error(`Chromium not found at ${chromiumExecutable()}: ${CHROMIUM_INSTALL_HINT}`);
  process.exit(1);
}
if (!existsSync(join(DIST_DIR, 'index.html'))) {
  console.error(`No built app in ${DIST_DIR}: run "npx vite build" first.`);
  process.exit(1);
}

const server = await startTestServer({ demo: true });
const overHttp2 = process.env.SAKHI_LINK_HTTP === '2';
const terminator = overHttp2 ? await startTlsTerminator(new URL(server.url)) : null;
const proxy = await startThrottleProxy(new URL(terminator?.url ?? server.url), link);
const appUrl = overHttp2 ? proxy.url.replace(/^http:/, 'https:') : proxy.url;
const browsers: LaunchedChromium[] = [];
const figures: Figure[] = [];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const record = (what: string, ms: number, targetMs: number | null) =>
  figures.push({
    what,
    value: seconds(ms),
    target: targetMs === null ? '—' : `≤ ${seconds(targetMs)}`,
    isMet: targetMs === null ? null : ms <= targetMs,
  });

async function openTablet(): Promise<{ browser: LaunchedChromium; page: Page }> {
  const browser = await launchChromium({ trustedSpkiHash: terminator?.spkiHash });
  browsers.push(browser);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(180_000);
  return { browser, page };
}

/**
 * As the tests' sign-in step, with waits fit for screens that still load over 2G.
 * `onAnswered`: her sign-in is done, the screen after it (her PIN, or the case list) shows.
 */
async function signInSlowly(
  page: Page,
  credentials: { readonly username: string; readonly password: string },
  onAnswered: () => void = () => undefined,
): Promise<void> {
  await submitSignIn(page, credentials);
  const caseList = page.getByTestId('new-case');
  const setPin = page.getByTestId('set-pin-page');
  await caseList.or(setPin).first().waitFor();
  onAnswered();
  if (await setPin.isVisible()) await chooseNewPin(page, testPin);
  await caseList.waitFor();
}

try {
  console.log(
    `link: ${link.downKbitPerSecond}/${link.upKbitPerSecond} kbit/s, ${link.roundTripMs} ms round trip, ${overHttp2 ? 'TLS and HTTP/2' : 'plain HTTP/1.1'}`,
  );
  console.log('header bytes per answer:');
  for (const answer of await measureHeaderBytes(server.url, firstVisitAnswerKinds(DIST_DIR))) {
    console.log(`  ${answer.path.padEnd(40)} ${answer.status}  ${answer.bytes} B`);
  }
  // First visit: what shows when, while she signs in as soon as she can.
  const tabletA = await openTablet();
  if (process.env.SAKHI_LINK_LOG) await logWorkerStates(tabletA.page);
  const started = Date.now();
  const firstPaint = tabletA.page
    .getByTestId('boot')
    .waitFor({ state: 'visible' })
    .then(() => Date.now() - started);
  // Shown on the sign-in screen and under the header; the PIN screen between them has no
  // line of its own, so an active worker (what "ready" is made of) counts there.
  const offlineReady = tabletA.page
    .waitForFunction(
      () =>
        document.querySelector('[data-testid="offline-ready"]') !== null ||
        navigator.serviceWorker.controller !== null,
      null,
      { polling: 100, timeout: 300_000 },
    )
    .then(() => Date.now() - started);
  offlineReady.catch(() => undefined);
  await tabletA.page.goto(appUrl, { waitUntil: 'commit' });
  record('first meaningful paint', await firstPaint, 3_000);
  await tabletA.page.getByTestId('sign-in-submit').waitFor();
  record('sign-in usable', Date.now() - started, 12_000);
  // Sent the moment the form shows (no typing time), so this is the sooner a sign-in can end.
  await signInSlowly(tabletA.page, demoCaseworker, () =>
    record('signed in, sent at once (PIN screen)', Date.now() - started, null),
  );
  const readyMs = await offlineReady;
  const installBytes = proxy.downBytes();
  // Each request costs ~450 B up, ~400 B of headers down and a round trip (500 ms).
  const installRequests = proxy
    .connectionLog()
    .filter((line) => / #\d+ (GET|POST|PUT|HEAD) \//.test(line)).length;
  // Which file crossed the link when, to see where a first visit's time goes.
  if (process.env.SAKHI_LINK_LOG) console.log(proxy.connectionLog().join('\n'));

  // The later screens (and, since this worker, the home-screen files) are stored after
  // "ready" (sw/later-files.ts). They finish here, before the network goes off: otherwise the
  // revisit below fetches what is missing, and measures the end of this first visit.
  await waitForLaterFiles(tabletA.page);
  // Ready must be true: with the network off, the app opens again (locked, her PIN opens it).
  await tabletA.browser.context.setOffline(true);
  await tabletA.page.reload();
  let isReadyTrue = true;
  try {
    await tabletA.page.getByTestId('unlock-page').waitFor({ timeout: 15_000 });
  } catch {
    isReadyTrue = false;
  }
  figures.push({
    what: 'offline-ready shown (reopens offline)',
    value: `${seconds(readyMs)} (${isReadyTrue ? 'yes' : 'NO'})`,
    target: '≤ 40.0 s',
    isMet: readyMs <= 40_000 && isReadyTrue,
  });
  figures.push({
    what: 'first visit downloaded (to ready)',
    value: `${(installBytes / 1024).toFixed(0)} kB`,
    target: '—',
    isMet: null,
  });
  figures.push({
    what: 'first visit requests (to ready)',
    value: `${installRequests}`,
    target: '—',
    isMet: null,
  });
  await unlockWithPin(tabletA.page);
  await tabletA.page.getByTestId('new-case').waitFor();

  // A day's work, saved offline, then one sync run.
  const work = await recordDaysWork(tabletA.page, tabletA.browser.context, {
    cases: 3,
    notes: 20,
    tag: 'बेंच',
  });
  let before = await readLastSyncAt(tabletA.page);
  proxy.resetCounts();
  const daysWorkLogFrom = proxy.connectionLog().length;
  let from = Date.now();
  await tabletA.browser.context.setOffline(false);
  await waitForSyncAfter(tabletA.page, before, 120_000);
  if (process.env.SAKHI_LINK_LOG) {
    console.log(`a day's work:\n${proxy.connectionLog().slice(daysWorkLogFrom).join('\n')}`);
  }
  record(
    `a day's work synced (${work.caseIds.length} cases, ${work.noteTexts.length} notes)`,
    Date.now() - from,
    5_000,
  );

  // A second tablet of the centre: first visit, sign-in, and its first sync.
  const tabletB = await openTablet();
  await tabletB.page.goto(appUrl, { waitUntil: 'commit' });
  await tabletB.page.getByTestId('sign-in-submit').waitFor();
  from = Date.now();
  await signInSlowly(tabletB.page, { username: 'lko.manager', password: DEMO_PASSWORD }).catch(
    async (error: unknown) => {
      console.error(
        `second tablet, screen at the failure:\n${await tabletB.page.innerText('body')}`,
      );
      throw error;
    },
  );
  await waitForSyncAfter(tabletB.page, null, 300_000);
  record("second tablet's first sync (from sign-in)", Date.now() - from, null);
  await tabletB.browser.close();

  // A silent cut: the sync's connection goes quiet with no reset, and comes back 10 s later.
  await tabletA.browser.context.setOffline(true);
  await addNote(tabletA.page, 'बेंच: चुप नेटवर्क के बीच का नोट');
  before = await readLastSyncAt(tabletA.page);
  proxy.cutSilently();
  from = Date.now();
  await tabletA.browser.context.setOffline(false);
  setTimeout(() => proxy.restore(), silenceMs);
  await waitForSyncAfter(tabletA.page, before, 300_000);
  record(
    `silent connection recovered (link back after ${seconds(silenceMs)})`,
    Date.now() - from,
    60_000,
  );

  // A revisit with nothing changed: reopen, unlock, the sync that finds nothing new.
  await tabletA.page.waitForTimeout(3_000);
  before = await readLastSyncAt(tabletA.page);
  proxy.resetCounts();
  const revisitLogFrom = proxy.connectionLog().length;
  await tabletA.page.reload();
  await unlockWithPin(tabletA.page);
  await waitForSyncAfter(tabletA.page, before, 60_000).catch(() => undefined);
  await tabletA.page.waitForTimeout(2_000);
  const revisitBytes = proxy.downBytes();
  if (process.env.SAKHI_LINK_LOG) {
    console.log(`the revisit:\n${proxy.connectionLog().slice(revisitLogFrom).join('\n')}`);
  }
  figures.push({
    what: 'revisit, nothing changed (downloaded)',
    value: `${(revisitBytes / 1024).toFixed(1)} kB`,
    target: '< 5.0 kB',
    isMet: revisitBytes < 5 * 1024,
  });
} finally {
  printFigures(figures);
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await proxy.close();
  await terminator?.close();
  await server.close();
}

/**
 * Waits until the worker has stored every later screen the build marks, and its cache of
 * them then holds still for 2 s (the home-screen files are not marked in the build).
 */
async function waitForLaterFiles(page: Page): Promise<void> {
  const worker = readFileSync(join(DIST_DIR, 'sw.js'), 'utf8');
  const marked = worker.match(/"later":true/g)?.length ?? 0;
  const countStored = () =>
    page.evaluate(async () => (await (await caches.open('sakhi-later-screens')).keys()).length);
  const until = Date.now() + 120_000;
  let stored = await countStored();
  let stillSince = Date.now();
  while (Date.now() < until && (stored < marked || Date.now() - stillSince < 2_000)) {
    await page.waitForTimeout(250);
    const now = await countStored();
    if (now !== stored) stillSince = Date.now();
    stored = now;
  }
}

/** Puts each state the service worker passes through into the link log, on its clock. */
async function logWorkerStates(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const seen = new Set<string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      const state = `worker ${version.versionId}: ${version.status}, ${version.runningStatus}`;
      if (!seen.has(state)) proxy.mark(state);
      seen.add(state);
    }
  });
  await cdp.send('ServiceWorker.enable');
}

function printFigures(rows: readonly Figure[]): void {
  const table = [
    ['figure', 'measured', 'target', 'met'],
    ...rows.map((row) => [
      row.what,
      row.value,
      row.target,
      row.isMet === null ? '' : row.isMet ? 'yes' : 'NO',
    ]),
  ];
  const widths = table[0]!.map((_, column) =>
    Math.max(...table.map((cells) => cells[column]!.length)),
  );
  console.log('');
  for (const cells of table) {
    console.log(cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  }
}
