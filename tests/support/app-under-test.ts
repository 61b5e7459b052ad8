/**
 * A server built exactly as in production, but not listening: for `app.inject()` tests.
 * It gets its own SQLite file and a fake built app (index.html, sw.js, a hashed asset),
 * so server tests need neither `npm run build` nor a network port.
 */
import { brotliAtBest } from '../../scripts/precompress-assets.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app.ts';
import { openDatabase, type OpenDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createServerSecrets } from '../../server/services/server-secrets.ts';

export const FAKE_INDEX_HTML =
  '<!doctype html><html lang="hi"><head><title>सखी</title></head><body><div id="app"></div></body></html>';
export const FAKE_ASSET_PATH = '/assets/index-Ab12Cd34.js';
// Above @fastify/compress's 1 KiB threshold, so compression is visible in tests.
export const FAKE_ASSET_BODY = `console.log(${JSON.stringify('सखी '.repeat(800))});\n`;

export interface AppUnderTest {
  app: FastifyInstance;
  database: OpenDatabase;
  staticDir: string;
  close(): Promise<void>;
}

/** The brotli copy of the fake script, as the build writes one beside each script. */
export function fakeAssetBrotli(): Promise<Buffer> {
  return brotliAtBest(FAKE_ASSET_BODY);
}

export async function createAppUnderTest(options: { demo?: boolean } = {}): Promise<AppUnderTest> {
  const root = mkdtempSync(join(tmpdir(), 'sakhi-app-'));
  const staticDir = join(root, 'dist');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), FAKE_INDEX_HTML);
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  writeFileSync(join(staticDir, 'manifest.webmanifest'), '{"name":"सखी"}');
  writeFileSync(join(staticDir, FAKE_ASSET_PATH), FAKE_ASSET_BODY);
  // As the build leaves it: a brotli copy beside the script (scripts/precompress-assets.ts).
  writeFileSync(join(staticDir, `${FAKE_ASSET_PATH}.br`), await fakeAssetBrotli());

  const database = openDatabase({ dialect: 'sqlite', file: join(root, 'data', 'sakhi.sqlite') });
  await migrateToLatest(database.db);
  const app = await buildServer({
    db: database.db,
    dialect: 'sqlite',
    demo: options.demo ?? false,
    staticDir,
    logger: false,
    secrets: createServerSecrets(),
  });
  return {
    app,
    database,
    staticDir,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
