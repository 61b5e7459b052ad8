// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_PASSWORD_PARAMS } from '../tests/support/api-harness.ts';
import { signedDeviceFields } from '../tests/support/device-keys.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createUser } from './services/accounts.ts';
import { DEMO_PASSWORD } from './services/demo-seed.ts';
import { createServerSecrets } from './services/server-secrets.ts';
import { NoAdminError, startServer } from './start.ts';

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
    secretsFile: join(dataDir, 'secrets.json'),
    demo: false,
    staticDir: join(dataDir, 'no-build-here'),
    ...overrides,
  };
}

async function createAdmin(config: Config): Promise<void> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    await createUser(
      {
        db: database.db,
        now: () => new Date(),
        passwordParams: TEST_PASSWORD_PARAMS,
        secrets: createServerSecrets(),
      },
      {
        username: 'state.admin',
        displayName: 'राज्य प्रशासक',
        role: 'state_admin',
        centreId: null,
        password: TEST_PASSWORD,
      },
    );
  } finally {
    await database.close();
  }
}

describe('startServer', () => {
  it('refuses a production start with no state_admin, naming the command that makes one', async () => {
    const config = configFor();
    const error = await startServer(config, false).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoAdminError);
    expect((error as NoAdminError).command).toBe(
      `SAKHI_DATA_DIR=${dataDir} npm run admin -- create-user --username state.admin --role state_admin --display-name "State administrator"`,
    );
    const database = openDatabase(config.database);
    const users = await database.db.selectFrom('users').select('id').execute();
    await database.close();
    expect(users).toEqual([]); // production start creates no accounts
  });

  it('migrates, listens on loopback and answers over real HTTP, then closes', async () => {
    await createAdmin(configFor());
    const server = await startServer(configFor(), false);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(new URL('/api/health', server.url));
    expect(await response.json()).toMatchObject({ status: 'ok', demo: false });
    const users = await server.database.db.selectFrom('users').select('username').execute();
    expect(users).toEqual([{ username: 'state.admin' }]);
    await server.close();
    await expect(fetch(new URL('/api/health', server.url))).rejects.toThrow();
  });

  it('seeds demo accounts only with demo on', async () => {
    const server = await startServer(configFor({ demo: true }), false);
    try {
      const users = await server.database.db.selectFrom('users').select('username').execute();
      expect(users.map((user) => user.username)).toContain('lko.manager');
      // The published demo password signs in, as the README promises.
      const signIn = await fetch(new URL('/api/auth/sign-in', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'lko.manager',
          password: DEMO_PASSWORD,
          ...signedDeviceFields('lko.manager', 'demo-tablet'),
        }),
      });
      expect(signIn.status).toBe(200);
      expect(await signIn.json()).toMatchObject({
        user: { username: 'lko.manager', role: 'manager' },
        centre: { districtCode: 'LKO' },
        device: { id: 'demo-tablet', tag: '00' },
      });
    } finally {
      await server.close();
    }
  });

  it('fails cleanly when the port is taken', async () => {
    await createAdmin(configFor());
    const first = await startServer(configFor(), false);
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer(configFor({ port }), false)).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
