// The tablet's schemas are written with zod/mini (src/domain/zod.ts): a bundle carries only
// the zod functions it uses. One import of classic zod ('zod') anywhere the page or the
// worker reaches brings all of classic zod back, ~15 kB gzip more for a first visit over
// 2G (docs/performance.md), with nothing failing to say so. Reads the built app, so it
// runs after `vite build`; it lives in the browser project for that reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from './support/paths.ts';

/** Every script the tablet may download: the page's and the worker's. */
function builtScripts(): { file: string; text: string }[] {
  const assets = join(DIST_DIR, 'assets');
  if (!existsSync(assets)) {
    throw new Error(`No built app at ${assets}: run "npm run build" (vite build) first.`);
  }
  const files = [
    ...readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .map((name) => join(assets, name)),
    join(DIST_DIR, 'sw.js'),
  ];
  return files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

// Each zod schema class names itself in a string minification keeps: classic zod's are
// "ZodObject", "ZodString"…, zod/mini's "ZodMiniObject"…, the shared core's "$ZodObject"….
const classicZod = /[`'"]Zod(?:Type|String|Number|Object|Array)[`'"]/;
const miniZod = /[`'"]ZodMiniObject[`'"]/;

describe('zod in the built app', () => {
  it('is zod/mini only: no script the tablet downloads carries classic zod', () => {
    const scripts = builtScripts();
    expect(scripts.filter(({ text }) => miniZod.test(text)).length).toBeGreaterThan(0);
    const classic = scripts.filter(({ text }) => classicZod.test(text)).map(({ file }) => file);
    expect(
      classic,
      "Classic zod is in the build: import zod from src/domain/zod.ts, never from 'zod'.",
    ).toEqual([]);
  });
});
