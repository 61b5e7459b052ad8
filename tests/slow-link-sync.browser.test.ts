// Sync on a link that goes quiet (tests/support/throttle-proxy.ts): a day's work goes up,
// the server handles the push, and its answer never arrives — no reset, the connection
// just goes silent, as when the tower drops the tablet. The header must say it is waiting
// for the network once the request's deadline passes (not "Syncing…" for minutes), and
// when the link is back the sync finishes with every case and note on the server once.
// Then a revisit with nothing changed must cost almost nothing: the shell from the
// worker's cache, a 304 for sw.js. The link is faster than a district's so the test stays
// short; the 2G figures are `npm run bench -- slow-link`.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredFields } from '../server/db/sync-record-fields.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { defaultRequestDeadlines } from '../src/sync/request-deadline.ts';
import { appMessages } from '../src/i18n/messages.ts';
import {
  countOutboxRows,
  pollUntil,
  signIn,
  unlockWithPin,
  waitForControllingWorker,
} from './support/case-register-steps.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { readLastSyncAt, recordDaysWork, waitForSyncAfter } from './support/slow-link-steps.ts';
import { startThrottleProxy, type ThrottleProxy } from './support/throttle-proxy.ts';

/** The push's deadline (answer wait plus body time), then the first retry's back-off. */
const waitingShownWithinMs = defaultRequestDeadlines.firstByteMs + 40_000;

describe('sync on a link that goes silent', () => {
  let server: TestServer;
  let proxy: ThrottleProxy;
  let browser: LaunchedChromium;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    proxy = await startThrottleProxy(new URL(server.url), {
      downKbitPerSecond: 400,
      upKbitPerSecond: 200,
      roundTripMs: 300,
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(proxy.url);
    await signIn(page);
    await waitForControllingWorker(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  it('says it is waiting for the network, then finishes the sync once, within a minute', async () => {
    const work = await recordDaysWork(page, browser.context, { cases: 1, notes: 3, tag: 'चुप' });
    const before = await readLastSyncAt(page);
    proxy.cutSilentlyOnNextAnswer();
    const cutAt = Date.now();
    await browser.context.setOffline(false);

    await pollUntil(
      async () => (await page.getByTestId('last-sync').textContent())?.trim() ?? '',
      (shown) => shown === appMessages.hi.waitingForNetwork,
      'the header to say it is waiting for the network',
      waitingShownWithinMs,
    );
    const waitingShownMs = Date.now() - cutAt;
    proxy.restore();
    const restoredAt = Date.now();
    await waitForSyncAfter(page, before, 60_000);
    console.log(
      `silent cut: waiting shown after ${waitingShownMs} ms; synced ${Date.now() - restoredAt} ms after the link came back`,
    );
    expect(await countOutboxRows(page)).toBe(0);

    const rows = await server.database.db
      .withTables<SyncTables>()
      .selectFrom('sync_records')
      .select(['id', 'record_type', 'fields'])
      .where('case_id', 'in', work.caseIds)
      .execute();
    expect(rows.filter((row) => row.record_type === 'case').map((row) => row.id)).toEqual(
      work.caseIds,
    );
    for (const text of work.noteTexts) {
      expect(
        rows.filter((row) => JSON.stringify(readStoredFields(row.fields)).includes(text)),
        text,
      ).toHaveLength(1);
    }
  }, 200_000);

  it('downloads under 5 kB on a revisit when nothing changed', async () => {
    await page.waitForTimeout(2_000);
    const before = await readLastSyncAt(page);
    proxy.resetCounts();
    await page.reload();
    await unlockWithPin(page);
    await waitForSyncAfter(page, before, 60_000);
    await page.waitForTimeout(1_000);
    expect(proxy.downBytes()).toBeLessThan(5 * 1024);
  }, 90_000);
});
