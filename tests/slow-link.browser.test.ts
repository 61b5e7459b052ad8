// A first visit through a shaped link (tests/support/throttle-proxy.ts): something
// meaningful is on screen before any script runs; offline use is never promised before it
// is true; and the moment "ready to work offline" first shows, the link can be cut and
// the app opens again without it. The link is faster than a district's 50/25 kbit/s so
// the test stays short; the figures at 2G speed belong to a benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { startThrottleProxy, type ThrottleProxy } from './support/throttle-proxy.ts';

describe('first visit on a slow link', () => {
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
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  it('shows the name and why it may take a while before any script has run', async () => {
    // Every script is held back until the boot screen has been seen, so what shows needs
    // no JavaScript at all. How soon it shows on a 2G link is the bench's figure.
    const heldScripts: Array<() => Promise<void>> = [];
    let isHolding = true;
    await page.route(/\.m?js(\?|$)/, (route) => {
      if (!isHolding) return route.continue();
      heldScripts.push(() => route.continue());
      return undefined;
    });
    try {
      await page.goto(proxy.url, { waitUntil: 'commit' });
      const boot = page.getByTestId('boot');
      await boot.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await boot.textContent()).toContain('सखी');
      expect(await boot.textContent()).toContain('slow network');
    } finally {
      isHolding = false;
      await Promise.all(heldScripts.map((release) => release()));
      await page.unrouteAll({ behavior: 'wait' });
    }
  });

  it('never promises offline use before it is ready, and keeps the promise once it is', async () => {
    // The figure for sign-in is the bench's (`npm run bench -- slow-link`); here only the
    // promise matters, so a busy machine gets time to bring the screen.
    await page.getByTestId('sign-in-page').waitFor({ timeout: 120_000 });
    // Until ready shows, no screen says the app opens without internet.
    for (;;) {
      const state = await page.evaluate(() => ({
        isReady: document.querySelector('[data-testid="offline-ready"]') !== null,
        isPromised: document.querySelector('[data-testid="offline-promise"]') !== null,
      }));
      if (state.isReady) break;
      expect(state.isPromised).toBe(false);
      await page.waitForTimeout(100);
    }
    expect(await page.getByTestId('offline-promise').count()).toBe(1);

    // The moment it shows: the link goes, and the app must open without it.
    proxy.cutWithReset();
    await browser.context.setOffline(true);
    try {
      await page.reload();
      await page.getByTestId('app-title').waitFor({ timeout: 10_000 });
      await page.getByTestId('sign-in-page').waitFor({ timeout: 10_000 });
    } finally {
      await browser.context.setOffline(false);
    }
  }, 240_000);

  it('stores the screens opened later by a tap once the worker is active, and serves them offline', async () => {
    // Readiness did not wait for the monthly report's code; the active worker fetches it after.
    await page.reload();
    await page.getByTestId('sign-in-page').waitFor({ timeout: 120_000 });
    const reportUrl = await page.waitForFunction(
      async () => {
        const cache = await caches.open('sakhi-later-screens');
        const stored = await cache.keys();
        return stored.find((request) => request.url.includes('/assets/CentreReportScreen-'))?.url;
      },
      null,
      { polling: 250, timeout: 120_000 },
    );
    const url = (await reportUrl.jsonValue()) ?? '';
    proxy.cutWithReset();
    await browser.context.setOffline(true);
    try {
      const answer = await page.evaluate(async (stored) => {
        const response = await fetch(stored);
        return { status: response.status, code: (await response.text()).length };
      }, url);
      expect(answer.status).toBe(200);
      expect(answer.code).toBeGreaterThan(1000);
    } finally {
      await browser.context.setOffline(false);
    }
  }, 240_000);
});
