/**
 * Writes a brotli copy (`<file>.br`) of every script and stylesheet under `assets/` at the
 * best quality, once, at build time; the server sends that copy to a browser that accepts
 * brotli (`preCompressed` in server/http/app-shell.ts).
 *
 * Why: compressing on the fly has to be quick, so the server uses brotli 4, about gzip's
 * size. A first visit over 2G downloads ~200 kB of these files before the tablet is ready
 * to work offline, at ~6 kB a second; brotli 11 makes them ~15% smaller, seconds of a
 * first visit. Quality 11 is too slow for every request but costs nothing once per build.
 * A copy that would not be smaller is not written (the server then compresses as before).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import type { Plugin } from 'vite';

const compressBrotli = promisify(brotliCompress);

/** Hashed scripts and styles: the only files large enough, and immutable, so worth it. */
export function isPrecompressed(fileName: string): boolean {
  return fileName.startsWith('assets/') && /\.(js|css)$/.test(fileName);
}

export async function brotliAtBest(content: string | Uint8Array): Promise<Buffer> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return compressBrotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

export function precompressAssets(): Plugin {
  return {
    name: 'sakhi:precompress-assets',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (dir === undefined) return;
      await Promise.all(
        Object.values(bundle).map(async (output) => {
          if (!isPrecompressed(output.fileName)) return;
          const content = output.type === 'chunk' ? output.code : output.source;
          const compressed = await brotliAtBest(content);
          if (compressed.length >= Buffer.byteLength(content)) return;
          await writeFile(join(dir, `${output.fileName}.br`), compressed);
        }),
      );
    },
  };
}
