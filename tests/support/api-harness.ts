/**
 * The whole API on one database engine, for tests written once and run on both:
 *
 *   const harness = await sqliteHarness();   // or pgHarness(inject('databaseUrl'))
 *   const fixture = await seedFixture(harness);
 *   const token = await signInAs(harness, fixture.users.manager.username);
 *
 * The server is built exactly as in production (buildServer), except for a clock the
 * test moves, a cheap scrypt cost (the real cost is tested in passwords.test.ts) and,
 * unless asked for the real ones, bounds on new tablets a day that never bite: the
 * suites sign in hundreds of fresh tablets at one centre at one instant (the real
 * bounds are tested in api-suite-new-devices.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { buildServer } from '../../server/app.ts';
import { openDatabase, type OpenDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { Centre, Database, User } from '../../server/db/schema.ts';
import { createCentre, createUser } from '../../server/services/accounts.ts';
import type { ServiceContext } from '../../server/services/context.ts';
import type { NewDeviceLimits } from '../../server/services/new-device-quota.ts';
import { createServerSecrets } from '../../server/services/server-secrets.ts';
import { PROTOCOL_VERSION } from '../../src/domain/protocol.ts';
import type { Role } from '../../src/domain/vocabularies-staff.ts';
import { decodePullResponse, wirePullResponseSchema } from '../../src/domain/wire.ts';
import { signedDeviceFields } from './device-keys.ts';
import { registerCaseNumberIssuer } from './sync-fixture.ts';
import { createTestDatabase, dropTestDatabase } from './postgres.ts';

/** Cheap scrypt for tests only; never the default anywhere. */
export const TEST_PASSWORD_PARAMS = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });
export const TEST_PASSWORD = 'correct horse battery';
export const START_TIME = new Date('2026-03-08T09:30:00.000Z');

export class TestClock {
  private time = START_TIME.getTime();
  readonly now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
  reset(): void {
    this.time = START_TIME.getTime();
  }
}

export interface ApiHarness {
  engine: 'sqlite' | 'postgres';
  app: FastifyInstance;
  db: Kysely<Database>;
  clock: TestClock;
  ctx: ServiceContext;
  close(): Promise<void>;
}

export type HarnessFactory = () => Promise<ApiHarness>;

export interface HarnessOptions {
  /** Default: UNBOUNDED_NEW_DEVICES. */
  newDeviceLimits?: Readonly<NewDeviceLimits>;
  /** Default: the server's own (an hour). */
  pruneIntervalMs?: number;
}

const UNBOUNDED_NEW_DEVICES: Readonly<NewDeviceLimits> = { perAccount: 1e6, perCentre: 1e6 };

export async function sqliteHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const root = mkdtempSync(join(tmpdir(), 'sakhi-api-'));
  const database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
  return buildHarness('sqlite', database, root, options, () => {
    rmSync(root, { recursive: true, force: true });
    return Promise.resolve();
  });
}

export async function pgHarness(
  baseUrl: string,
  options: HarnessOptions = {},
): Promise<ApiHarness> {
  const url = await createTestDatabase(baseUrl);
  const database = openDatabase({ dialect: 'postgres', url });
  const root = mkdtempSync(join(tmpdir(), 'sakhi-api-'));
  return buildHarness('postgres', database, root, options, async () => {
    rmSync(root, { recursive: true, force: true });
    await dropTestDatabase(baseUrl, url);
  });
}

async function buildHarness(
  engine: ApiHarness['engine'],
  database: OpenDatabase,
  staticDir: string,
  options: HarnessOptions,
  cleanUp: () => Promise<void>,
): Promise<ApiHarness> {
  const newDeviceLimits = options.newDeviceLimits ?? UNBOUNDED_NEW_DEVICES;
  await migrateToLatest(database.db);
  const clock = new TestClock();
  const secrets = createServerSecrets();
  const app = await buildServer({
    db: database.db,
    dialect: engine,
    demo: false,
    staticDir,
    logger: false,
    now: clock.now,
    passwordParams: TEST_PASSWORD_PARAMS,
    secrets,
    newDeviceLimits,
    ...(options.pruneIntervalMs ? { pruneIntervalMs: options.pruneIntervalMs } : {}),
  });
  return {
    engine,
    app,
    db: database.db,
    clock,
    ctx: {
      db: database.db,
      now: clock.now,
      passwordParams: TEST_PASSWORD_PARAMS,
      secrets,
      newDeviceLimits,
    },
    close: async () => {
      await app.close();
      await database.close();
      await cleanUp();
    },
  };
}

export interface Fixture {
  own: Centre;
  other: Centre;
  /** One account per role; centre roles at `own`. Plus `otherManager` at `other`. */
  users: Record<Role | 'otherManager' | 'otherCaseworker', User>;
}

const CENTRE_ROLES = ['manager', 'counsellor', 'nurse', 'operator', 'caseworker'] as const;

/** Two centres and one account per role. Usernames get `prefix` so suites can share a database. */
export async function seedFixture(harness: ApiHarness, prefix = 't'): Promise<Fixture> {
  const [own, other] = await Promise.all(
    (['LKO', 'VNS'] as const).map(async (districtCode) => {
      const existing = await harness.db
        .selectFrom('centres')
        .selectAll()
        .where('district_code', '=', districtCode)
        .executeTakeFirst();
      return (
        existing ??
        createCentre(harness.ctx, {
          districtCode,
          nameHi: `केंद्र ${districtCode}`,
          nameEn: `Centre ${districtCode}`,
          phone: null,
          address: null,
          email: null,
        })
      );
    }),
  );
  if (!own || !other) throw new Error('fixture centres missing');
  const make = (role: Role, centre: Centre | null, name: string) =>
    createUser(harness.ctx, {
      username: `${prefix}.${name}`,
      displayName: `परीक्षण ${name}`,
      role,
      centreId: centre?.id ?? null,
      password: TEST_PASSWORD,
    });
  const users = {} as Fixture['users'];
  for (const role of CENTRE_ROLES) users[role] = await make(role, own, role);
  users.state_admin = await make('state_admin', null, 'state_admin');
  users.state_analyst = await make('state_analyst', null, 'state_analyst');
  users.otherManager = await make('manager', other, 'other_manager');
  users.otherCaseworker = await make('caseworker', other, 'other_caseworker');
  return { own, other, users };
}

export function inject(
  harness: ApiHarness,
  options: InjectOptions & { token?: string },
): Promise<LightMyRequestResponse> {
  const { token, headers, ...rest } = options;
  return harness.app.inject({
    ...rest,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

/**
 * The tablet's own fetch, answered by `harness`'s server in process: for the tablet's
 * transports (POST only), so they run unchanged against the server built as in production.
 */
export function fetchFromHarness(harness: ApiHarness): typeof fetch {
  return async (url, init) => {
    const body = init?.body;
    const payload =
      body instanceof ArrayBuffer
        ? Buffer.from(new Uint8Array(body))
        : body instanceof Uint8Array
          ? Buffer.from(body)
          : undefined;
    const response = await harness.app.inject({
      method: 'POST',
      url: url instanceof Request ? url.url : url.toString(),
      headers: Object.fromEntries(new Headers(init?.headers)),
      payload,
    });
    const headers = Object.entries(response.headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value] as [string, string]] : [],
    );
    return new Response(response.body, { status: response.statusCode, headers });
  };
}

/** `GET /api/auth/session` with `token`: whether a tablet's session still holds. */
export function getSession(harness: ApiHarness, token: string): Promise<LightMyRequestResponse> {
  return inject(harness, { method: 'GET', url: '/api/auth/session', token });
}

/** Revokes the tablet `deviceId` as the staff member signed in with `token`. */
export function revokeTablet(
  harness: ApiHarness,
  deviceId: string,
  token: string,
): Promise<LightMyRequestResponse> {
  return inject(harness, { method: 'POST', url: `/api/devices/${deviceId}/revoke`, token });
}

/** The `error.code` of a refusal, which the tablet acts on. */
export function errorCodeOf(response: { json: () => unknown }): string {
  return (response.json() as { error: { code: string } }).error.code;
}

export interface SignedInTablet {
  token: string;
  deviceId: string;
  body: Record<string, unknown>;
}

/**
 * Signs in as a tablet does, with the device key of `deviceId` (./device-keys.ts), so
 * signing in again with the same id proves the same key.
 */
export async function signInAs(
  harness: ApiHarness,
  username: string,
  options: { deviceId?: string; ip?: string; password?: string; switchCentre?: true } = {},
): Promise<SignedInTablet> {
  const deviceId = options.deviceId ?? randomUUID();
  const response = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    remoteAddress: options.ip ?? '203.0.113.10',
    payload: {
      username,
      password: options.password ?? TEST_PASSWORD,
      ...signedDeviceFields(username, deviceId),
      ...(options.switchCentre ? { switchCentre: true } : {}),
    },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  }
  const body = response.json<Record<string, unknown>>();
  const { centre, device } = body as {
    centre: { districtCode: string } | null;
    device: { tag: string };
  };
  if (centre) registerCaseNumberIssuer(deviceId, { ...centre, deviceTag: device.tag });
  return { token: body.token as string, deviceId, body };
}

export async function countRows(harness: ApiHarness): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'centres',
    'users',
    'devices',
    'sessions',
    'audit_log',
    'sign_in_throttles',
    'device_tag_counters',
  ] as const) {
    const row = await harness.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

/** A fresh account, for tests that use one up (rate limits, disabling). */
export function createStaff(harness: ApiHarness, role: Role, centre: Centre | null): Promise<User> {
  return createUser(harness.ctx, {
    username: `u${randomUUID().slice(0, 8)}`,
    displayName: `परीक्षण ${role}`,
    role,
    centreId: centre?.id ?? null,
    password: TEST_PASSWORD,
  });
}

/** The survivor names a fresh sign-in of `user` pulls: what her centre may read. */
export async function survivorNamesSeenBy(
  harness: ApiHarness,
  user: Pick<User, 'username'>,
): Promise<unknown[]> {
  const tablet = await signInAs(harness, user.username);
  const response = await inject(harness, {
    method: 'POST',
    url: '/api/sync/pull',
    token: tablet.token,
    payload: { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1000 },
  });
  return decodePullResponse(wirePullResponseSchema.parse(response.json())).records.map(
    (record) => record.fields.survivorName?.value,
  );
}
