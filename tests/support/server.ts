/**
 * The real headquarters server, started in-process on 127.0.0.1 and a free port, with a
 * temp data folder and the built app from dist/ — the same code path as `npm start`.
 *
 *   const server = await startTestServer({ demo: true });
 *   await page.goto(server.url);
 *   ...
 *   await server.close();
 *
 * PostgreSQL: pass `dialect: 'postgres'` and a `databaseUrl` (in the pg project, from
 * createTestDatabase(inject('databaseUrl'))).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config, DatabaseConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { DIST_DIR } from './paths.ts';

export interface TestServerOptions {
  dialect?: 'sqlite' | 'postgres';
  databaseUrl?: string;
  demo?: boolean;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:39215/ */
  url: string;
  /** For tests that check what the server stored. */
  database: RunningServer['database'];
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sakhi-server-'));
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    database: databaseConfig(options, dataDir),
    secretsFile: join(dataDir, 'secrets.json'),
    demo: options.demo ?? false,
    staticDir: DIST_DIR,
  };
  let server: RunningServer;
  try {
    server = await startServer(config, false);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = async () => {
    try {
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  return {
    url: server.url,
    database: server.database,
    // Once only: a test that stops the server itself (to be offline) leaves the closing
    // after the file (openAppBeforeAll) with nothing to do.
    close: () => (closing ??= close()),
  };
}

function databaseConfig(options: TestServerOptions, dataDir: string): DatabaseConfig {
  if ((options.dialect ?? 'sqlite') === 'sqlite') {
    return { dialect: 'sqlite', file: join(dataDir, 'sakhi.sqlite') };
  }
  if (!options.databaseUrl) {
    throw new Error(
      'startTestServer({ dialect: "postgres" }) needs a databaseUrl (see createTestDatabase)',
    );
  }
  return { dialect: 'postgres', url: options.databaseUrl };
}
