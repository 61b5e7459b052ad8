// Two real server processes' worth of state on one PostgreSQL: two servers, each with
// its own pool and port, as a state deployment behind a load balancer runs them. Neither
// keeps sessions, revocations or rate-limit counts in memory, so they must agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD, TEST_PASSWORD_PARAMS } from '../tests/support/api-harness.ts';
import { createTestDatabase, dropTestDatabase } from '../tests/support/postgres.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createCentre, createUser } from './services/accounts.ts';
import { SIGN_IN_LIMITS } from './services/sign-in-throttle.ts';
import { createServerSecrets } from './services/server-secrets.ts';
import { signedDeviceFields } from '../tests/support/device-keys.ts';
import { startServer, type RunningServer } from './start.ts';

describe('two servers on one PostgreSQL', () => {
  const baseUrl = inject('databaseUrl');
  let databaseUrl: string;
  let dataDir: string;
  let first: RunningServer;
  let second: RunningServer;
  let centreId: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(baseUrl);
    dataDir = mkdtempSync(join(tmpdir(), 'sakhi-two-'));
    const setup = openDatabase({ dialect: 'postgres', url: databaseUrl });
    const ctx = {
      db: setup.db,
      now: () => new Date(),
      passwordParams: TEST_PASSWORD_PARAMS,
      secrets: createServerSecrets(),
    };
    await migrateToLatest(setup.db);
    const centre = await createCentre(ctx, {
      districtCode: 'LKO',
      nameHi: 'वन स्टॉप सेंटर, लखनऊ',
      nameEn: 'One Stop Centre, Lucknow',
      phone: null,
      address: null,
      email: null,
    });
    centreId = centre.id;
    for (const [username, role, centre_] of [
      ['state.admin', 'state_admin', null],
      ['lko.nurse', 'nurse', centre.id],
      ['lko.operator', 'operator', centre.id],
      ...Array.from({ length: 10 }, (_, i) => [`lko.staff${i}`, 'caseworker', centre.id] as const),
    ] as const) {
      await createUser(ctx, {
        username,
        displayName: username,
        role,
        centreId: centre_,
        password: TEST_PASSWORD,
      });
    }
    await setup.close();
    const config: Config = {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      database: { dialect: 'postgres', url: databaseUrl },
      // Both processes read one file, as docs/operations.md asks of a real deployment.
      secretsFile: join(dataDir, 'secrets.json'),
      demo: false,
      staticDir: join(dataDir, 'dist'),
    };
    const testOptions = { passwordParams: TEST_PASSWORD_PARAMS };
    // Both start (and run migrations) at the same moment.
    [first, second] = await Promise.all([
      startServer(config, false, testOptions),
      startServer(config, false, testOptions),
    ]);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(baseUrl, databaseUrl);
  });

  async function call(
    server: RunningServer,
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ) {
    const response = await fetch(new URL(path, server.url), {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const signIn = (server: RunningServer, username: string, password = TEST_PASSWORD) =>
    call(server, 'POST', '/api/auth/sign-in', {
      body: { username, password, ...signedDeviceFields(username) },
    });

  it('accepts on one server a session made on the other', async () => {
    expect(first.url).not.toBe(second.url);
    const signedIn = await signIn(first, 'lko.nurse');
    expect(signedIn.status).toBe(200);
    const session = await call(second, 'GET', '/api/auth/session', {
      token: signedIn.body.token as string,
    });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ username: 'lko.nurse', centreId });
  });

  it('sees on one server a revocation and a sign-out made on the other', async () => {
    const tablet = await signIn(first, 'lko.nurse');
    const admin = await signIn(second, 'state.admin');
    const device = tablet.body.device as { id: string };
    const revoked = await call(second, 'POST', `/api/devices/${device.id}/revoke`, {
      token: admin.body.token as string,
    });
    expect(revoked.status).toBe(200);
    const refused = await call(first, 'GET', '/api/auth/session', {
      token: tablet.body.token as string,
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'device_revoked' });

    const other = await signIn(second, 'lko.nurse');
    expect(
      (await call(second, 'POST', '/api/auth/sign-out', { token: other.body.token as string }))
        .status,
    ).toBe(200);
    const ended = await call(first, 'GET', '/api/auth/session', {
      token: other.body.token as string,
    });
    expect(ended.body.error).toMatchObject({ code: 'session_expired' });
  });

  it('shares sign-in limits: failures on both servers add up', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount; attempt++) {
      const server = attempt % 2 === 0 ? first : second;
      expect((await signIn(server, 'lko.operator', 'wrong password')).status).toBe(401);
    }
    const refused = await signIn(first, 'lko.operator');
    expect(refused.status).toBe(429);
    expect((await signIn(second, 'lko.operator')).status).toBe(429);
  });

  it('hands out distinct device tags when tablets register on both servers at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(i % 2 === 0 ? first : second, `lko.staff${i}`)),
    );
    expect(results.map((result) => result.status)).toEqual(Array(10).fill(200));
    const tags = results.map((result) => (result.body.device as { tag: string }).tag);
    expect(new Set(tags).size).toBe(tags.length);
  });
});
