// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from './config.ts';
import { startServer } from './start.ts';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sakhi-start-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function configFor(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    database: { dialect: 'sqlite', file: join(dataDir, 'sakhi.sqlite') },
    demo: false,
    staticDir: join(dataDir, 'no-build-here'),
    ...overrides,
  };
}

describe('startServer', () => {
  it('migrates, listens on loopback and answers over real HTTP, then closes', async () => {
    const server = await startServer(configFor(), false);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(new URL('/api/health', server.url));
    expect(await response.json()).toMatchObject({ status: 'ok', demo: false });
    const users = await server.database.db.selectFrom('users').select('id').execute();
    expect(users).toEqual([]); // production start creates no accounts
    await server.close();
    await expect(fetch(new URL('/api/health', server.url))).rejects.toThrow();
  });

  it('seeds demo accounts only with demo on', async () => {
    const server = await startServer(configFor({ demo: true }), false);
    try {
      const users = await server.database.db.selectFrom('users').select('username').execute();
      expect(users.map((user) => user.username)).toContain('lko.manager');
    } finally {
      await server.close();
    }
  });

  it('fails cleanly when the port is taken', async () => {
    const first = await startServer(configFor(), false);
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer(configFor({ port }), false)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
