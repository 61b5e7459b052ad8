// A revisit with nothing changed, through a shaped link (tests/support/throttle-proxy.ts),
// must cost almost nothing: the shell from the worker's cache, a 304 for sw.js. The link
// is much faster than a district's so the first visit stays short (the revisit's bytes do
// not depend on the link's speed); the 2G figures, the silent cut
// included, are `npm run bench -- slow-link`.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoCaseworker,
  signIn,
  unlockWithPin,
  waitForControllingWorker,
} from './support/case-register-steps.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { readLastSyncAt, waitForSyncAfter } from './support/slow-link-steps.ts';
import { startThrottleProxy, type ThrottleProxy } from './support/throttle-proxy.ts';

describe('a revisit on a shaped link', () => {
  let server: TestServer;
  let proxy: ThrottleProxy;
  let browser: LaunchedChromium;
  let page: Page;
  showScreenOnFailure(() => page);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    proxy = await startThrottleProxy(new URL(server.url), {
      downKbitPerSecond: 4000,
      upKbitPerSecond: 2000,
      roundTripMs: 100,
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(proxy.url);
    // The first visit downloads the whole app through the shaped link; on a busy machine
    // that alone can pass the default wait. Its figure is the bench's, not this test's.
    await signIn(page, demoCaseworker, 90_000).catch(async (error: unknown) => {
      const screen = await page.locator('body').innerText({ timeout: 2_000 }).catch(String);
      console.log(`Screen when the first visit's sign-in failed, at ${page.url()}:\n${screen}`);
      throw error;
    });
    await waitForControllingWorker(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

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
