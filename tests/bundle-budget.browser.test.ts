// The first screen must start fast on a ₹8,000 tablet over 2G (docs/design.md, what users need):
// the JavaScript that index.html loads before anything else (its entry script and the
// modules it preloads) stays within 70 kB gzip, Dexie included; zod and the schemas load
// after the sign-in form shows (docs/performance.md). Later screens load lazily and do
// not count. Reads the built app, so it runs after `vite build` (npm test and
// npm run test:browser build first); it lives in the browser project for that reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from './support/paths.ts';

const budgetBytes = 70 * 1024;

function initialScripts(indexHtml: string): string[] {
  const entries = [...indexHtml.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  const preloads = [
    ...indexHtml.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set([...entries, ...preloads])];
}

describe('first-screen bundle budget', () => {
  it('loads at most 70 kB gzip of JavaScript before the first screen', () => {
    const indexPath = join(DIST_DIR, 'index.html');
    if (!existsSync(indexPath)) {
      throw new Error(
        `No built app at ${indexPath}: run "npm run build" (vite build) before this test.`,
      );
    }
    const scripts = initialScripts(readFileSync(indexPath, 'utf8'));
    expect(scripts.length, 'index.html should load at least its entry script').toBeGreaterThan(0);
    const sizes = scripts.map((src) => {
      const file = join(DIST_DIR, src.replace(/^\//, ''));
      return { src, gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length };
    });
    const total = sizes.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0);
    const report = sizes
      .map(({ src, gzipBytes }) => `  ${src}: ${(gzipBytes / 1024).toFixed(1)} kB`)
      .join('\n');
    expect(
      total,
      `First-screen JavaScript is ${(total / 1024).toFixed(1)} kB gzip, over the ${budgetBytes / 1024} kB budget:\n${report}\n` +
        'Load later screens with import() and keep heavy modules out of the case list.',
    ).toBeLessThanOrEqual(budgetBytes);
  });
});
