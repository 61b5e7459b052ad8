import { describe, expect, it } from 'vitest';
import { precacheProgressType } from '../src/platform/precache-progress.ts';
import { createProgressPlugin, listHashedUrls, warmHttpCache } from './precache-progress.ts';

describe('the install on a slow link', () => {
  it('counts each stored file toward the total, never past it', async () => {
    const reports: number[] = [];
    const plugin = createProgressPlugin(2, (progress) => {
      expect(progress).toMatchObject({ type: precacheProgressType, total: 2 });
      reports.push(progress.done);
    });
    const update = plugin.cacheDidUpdate as unknown as () => Promise<void>;
    for (let i = 0; i < 3; i++) await update();
    expect(reports).toEqual([1, 2, 2]);
  });

  it('fetches early only what Workbox fetches under its own name', () => {
    const manifest = [
      { url: 'index.html', revision: 'abc' },
      { url: 'assets/index-C11PylU3.js', revision: null },
      { url: 'assets/app-DsWg9bPU.css' },
      'icon-192.png',
    ];
    expect(listHashedUrls(manifest)).toEqual([
      'assets/index-C11PylU3.js',
      'assets/app-DsWg9bPU.css',
      'icon-192.png',
    ]);
  });

  it('fetches several at once, each once, and carries on past a failure', async () => {
    const urls = Array.from({ length: 14 }, (_, i) => `assets/chunk-${i}.js`);
    const fetched: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await warmHttpCache(urls, async (url) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      fetched.push(url);
      if (url.endsWith('-3.js')) throw new Error('link cut');
    });
    expect([...fetched].sort()).toEqual([...urls].sort());
    expect(mostInFlight).toBe(6);
  });
});
