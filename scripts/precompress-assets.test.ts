import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressAssets } from './precompress-assets.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the plugin's writeBundle over `outputs` as Vite would after writing them to `dir`. */
async function writeBundle(outputs: Record<string, { type: 'chunk' | 'asset'; text: string }>) {
  const dir = mkdtempSync(join(tmpdir(), 'sakhi-precompress-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets')); // Vite has written the files there by now
  const bundle = Object.fromEntries(
    Object.entries(outputs).map(([fileName, { type, text }]) => [
      fileName,
      type === 'chunk' ? { type, fileName, code: text } : { type, fileName, source: text },
    ]),
  );
  const hook = precompressAssets().writeBundle as unknown as (
    options: { dir: string },
    bundle: unknown,
  ) => Promise<void>;
  await hook({ dir }, bundle);
  return dir;
}

describe('the brotli copies the build writes', () => {
  const script = `export const words = ${JSON.stringify('सखी वन स्टॉप सेंटर '.repeat(200))};\n`;

  it('writes one beside every script and style in assets/, which unpacks to the file', async () => {
    const dir = await writeBundle({
      'assets/app-Ab12.js': { type: 'chunk', text: script },
      'assets/index-Cd34.css': { type: 'asset', text: `.a{color:red}\n`.repeat(100) },
    });
    const copy = readFileSync(join(dir, 'assets/app-Ab12.js.br'));
    expect(brotliDecompressSync(copy).toString()).toBe(script);
    expect(copy.length).toBeLessThan(Buffer.byteLength(script));
    expect(existsSync(join(dir, 'assets/index-Cd34.css.br'))).toBe(true);
  });

  it('leaves the files outside assets/ and those it would not make smaller', async () => {
    const dir = await writeBundle({
      'index.html': { type: 'asset', text: `<p>${'सखी '.repeat(200)}</p>` },
      'assets/tiny-Ef56.js': { type: 'chunk', text: 'x' },
    });
    expect(existsSync(join(dir, 'index.html.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets/tiny-Ef56.js.br'))).toBe(false);
  });
});
