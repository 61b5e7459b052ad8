// A new tablet's first visit over 2G (docs/performance.md, "First visit on a slow link"):
// what crosses the link before the sign-in form works is every second she waits at ~6 kB/s.
// A tablet that has never held Sakhi's store shows the form from index.html's own files
// (the page, its styles, the entry script and the modules it preloads: src/app/FirstVisit.tsx)
// and loads the store (Dexie), the case list and the rest behind the form.
//
// Two halves: the size of those files, read from the built app (gzip -9), and proof in real
// Chromium, from the real server, that they are exactly what a new tablet fetches before the
// form is on screen, nothing more. Reads the built app, so it runs after `vite build` (npm
// test and npm run test:browser build first); it lives in the browser project for that reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTablet, type Tablet } from './support/open-app.ts';
import { DIST_DIR } from './support/paths.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const budgetBytes = 30 * 1024;

/** index.html and every file it links: styles, entry, preloads, icon and manifest. */
function firstScreenFiles(): string[] {
  const indexPath = join(DIST_DIR, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `No built app at ${indexPath}: run "npm run build" (vite build) before this test.`,
    );
  }
  const html = readFileSync(indexPath, 'utf8');
  const linked = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)];
  return ['/index.html', ...new Set(linked.map((match) => match[1]!))];
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(join(DIST_DIR, file.replace(/^\//, ''))), { level: 9 }).length;
}

describe("a new tablet's first screen", () => {
  let server: TestServer;
  let tablet: Tablet;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    tablet = await launchTablet();
  });
  afterAll(async () => {
    await tablet?.browser.close();
    await server?.close();
  });

  it(`needs at most ${budgetBytes / 1024} kB gzip before the sign-in form works`, () => {
    const sizes = firstScreenFiles().map((file) => ({ file, bytes: gzipBytes(file) }));
    expect(sizes.filter(({ file }) => file.endsWith('.js')).length).toBeGreaterThan(0);
    const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
    const report = sizes
      .map(({ file, bytes }) => `  ${file}: ${(bytes / 1024).toFixed(1)} kB`)
      .join('\n');
    expect(
      total,
      `A new tablet loads ${(total / 1024).toFixed(1)} kB gzip before the sign-in form, over the ${budgetBytes / 1024} kB budget:\n${report}\n` +
        'Keep the store and every other screen behind import() (src/app/FirstVisit.tsx).',
    ).toBeLessThanOrEqual(budgetBytes);
  });

  it('fetches exactly those files before the form is on screen, and nothing else', async () => {
    const { page } = tablet;
    // Notes the moment the form's button enters the page, before the test can look.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="sign-in-submit"]')) return;
        (window as unknown as { signInShownAt: number }).signInShownAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url);
    await page.getByTestId('sign-in-submit').waitFor();
    const before = await page.evaluate(() => {
      const shownAt = (window as unknown as { signInShownAt: number }).signInShownAt;
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime < shownAt)
        .map((entry) => new URL(entry.name).pathname);
    });
    const expected = firstScreenFiles().filter((file) => file !== '/index.html');
    expect([...new Set(before)].sort()).toEqual(expected.sort());
  });
});
