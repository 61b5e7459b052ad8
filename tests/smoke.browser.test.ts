// The whole stack once, in real Chromium: the server serves the built app, the app
// renders, talks to the API under its CSP, and installs its service worker.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAppBeforeAll } from './support/open-app.ts';

describe('smoke: server + app in Chromium', () => {
  const app = openAppBeforeAll({
    // Console messages can miss violations in workers; the DOM event is the reliable record.
    beforeOpening: (opened) =>
      opened.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      }),
  });
  let page: Page;
  beforeAll(() => {
    page = app.page;
  });

  it('shows the app title', async () => {
    const title = page.getByTestId('app-title');
    await title.waitFor();
    expect(await title.textContent()).toContain('सखी');
  });

  it('reaches the API from the page', async () => {
    const health = await page.evaluate(async () => {
      const response = await fetch('/api/health');
      return (await response.json()) as { status: string; db: string; demo: boolean };
    });
    expect(health).toMatchObject({ status: 'ok', db: 'sqlite', demo: true });
  });

  it('registers and activates the service worker', async () => {
    const registration = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      // `ready` resolves once a worker is active, which includes "activating".
      const worker = ready.active;
      if (worker && worker.state !== 'activated') {
        await new Promise<void>((resolve) => {
          worker.addEventListener('statechange', () => {
            if (worker.state === 'activated') resolve();
          });
        });
      }
      return { scope: ready.scope, state: worker?.state, script: worker?.scriptURL };
    });
    expect(registration).toEqual({
      scope: app.server.url,
      state: 'activated',
      script: new URL('/sw.js', app.server.url).href,
    });
  });

  it('opens a deep link straight from the server', async () => {
    const deepLink = await app.browser.context.newPage();
    try {
      const response = await deepLink.goto(new URL('/cases/some-case', app.server.url).href);
      expect(response?.status()).toBe(200);
      await deepLink.getByTestId('app-title').waitFor();
    } finally {
      await deepLink.close();
    }
  });

  it('had no console errors and no CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
