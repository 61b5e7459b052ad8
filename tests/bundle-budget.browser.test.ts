// A new tablet's first visit over 2G (docs/performance.md, "First visit on a slow link"):
// what crosses the link before the sign-in form works is every second she waits at ~6 kB/s.
// A tablet that has never held Sakhi's store shows the form from index.html's own files
// (the page, its styles, the entry script and the modules it preloads: src/app/FirstVisit.tsx)
// and loads the store (Dexie), the case list and the rest behind the form.
//
// Two halves: the size of those files, read from the built app (gzip -9), and proof in real
// Chromium, from the real server, that a new tablet fetches the ones the form needs before the
// form is on screen, and nothing more. Reads the built app, so it runs after `vite build` (npm
// test and npm run test:browser build first); it lives in the browser project for that reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTablet, type Tablet } from './support/open-app.ts';
import { DIST_DIR } from './support/paths.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const budgetBytes = 30 * 1024;

interface LinkedFile {
  readonly file: string;
  /** The form needs it to show (styles, scripts, preloads); not the tab's icon or the manifest. */
  readonly isNeededForForm: boolean;
}

/** index.html and every file it links: styles, entry, preloads, icon and manifest. */
function firstScreenLinks(): LinkedFile[] {
  const indexPath = join(DIST_DIR, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `No built app at ${indexPath}: run "npm run build" (vite build) before this test.`,
    );
  }
  const html = readFileSync(indexPath, 'utf8');
  const linked = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].flatMap(([tag]) => {
    const file = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!file) return [];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    return [{ file, isNeededForForm: !/icon|manifest/.test(rel) }];
  });
  const unique = new Map(linked.map((link) => [link.file, link]));
  return [{ file: '/index.html', isNeededForForm: true }, ...unique.values()];
}

function firstScreenFiles(): string[] {
  return firstScreenLinks().map(({ file }) => file);
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

  it('fetches every file the form needs before it is on screen, and nothing else', async () => {
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
    const links = firstScreenLinks().filter(({ file }) => file !== '/index.html');
    const fetched = [...new Set(before)].sort();
    // Every file the form needs came before it, and nothing came that index.html does not
    // link. The tab's icon and the manifest are in the budget, but Chromium asks for them
    // when it has time, so they may come before the form or just after it.
    const needed = neededFiles(links);
    expect(needed.filter((file) => file.endsWith('.js')).length).toBeGreaterThan(0);
    expect(fetched).toEqual(expect.arrayContaining(needed));
    const mayCome = new Set(links.map(({ file }) => file));
    expect(fetched.filter((file) => !mayCome.has(file))).toEqual([]);
  });
});

function neededFiles(links: readonly LinkedFile[]): string[] {
  return links.filter(({ isNeededForForm }) => isNeededForForm).map(({ file }) => file);
}
