// The app as staff meet it on a tablet: installable, and once opened, every screen opens
// again with no network — a reload, a deep link, a new tab.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAppBeforeAll } from './support/open-app.ts';

describe('offline app shell in Chromium', () => {
  // Nobody signs in: the app shell alone must open offline.
  const app = openAppBeforeAll({ shouldWaitForWorker: true });
  let page: Page;
  beforeAll(() => {
    page = app.page;
  });

  it('is installable: manifest with icons and a worker that controls the page', async () => {
    const cdp = await app.browser.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      const response = await fetch(link!.href);
      return (await response.json()) as {
        name: string;
        display: string;
        icons: { sizes: string; purpose?: string }[];
      };
    });
    expect(manifest.name).toContain('सखी');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  });

  it('reloads with no network', async () => {
    await app.browser.context.setOffline(true);
    try {
      await page.reload();
      await page.getByTestId('app-title').waitFor();
      // The network really is gone: the server cannot be reached from the page.
      const reached = await page.evaluate(() =>
        fetch('/api/health').then(
          () => true,
          () => false,
        ),
      );
      expect(reached).toBe(false);
    } finally {
      await app.browser.context.setOffline(false);
    }
  });

  it('opens a deep link in a new tab with no network', async () => {
    await app.browser.context.setOffline(true);
    const tab = await app.browser.context.newPage();
    try {
      const response = await tab.goto(
        new URL('/cases/0190f3a2-7c1e-7000-8000-000000000001', app.server.url).href,
      );
      expect(response?.fromServiceWorker()).toBe(true);
      await tab.getByTestId('app-title').waitFor();
    } finally {
      await tab.close();
      await app.browser.context.setOffline(false);
    }
  });

  it('still answers API calls from the network, never from the shell', async () => {
    await app.browser.context.setOffline(true);
    try {
      const outcome = await page.evaluate(async () => {
        try {
          const response = await fetch('/api/health');
          return `status ${response.status}`;
        } catch {
          return 'network error';
        }
      });
      // Sync must see "offline" and retry later, not mistake index.html for an answer.
      expect(outcome).toBe('network error');
    } finally {
      await app.browser.context.setOffline(false);
    }
  });
});
