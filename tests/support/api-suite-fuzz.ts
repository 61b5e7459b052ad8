/**
 * Every route, fed what a broken or hostile client sends: malformed JSON, wrong types,
 * missing and extra fields, huge strings and arrays, deep nesting, NUL and lone
 * surrogates, invalid UTF-8, a compression bomb, wrong content types and encodings, odd
 * query strings. Every answer must be a 4xx JSON error with a code — never a 5xx — and a
 * refused request writes nothing a person would see (records, mutations, accounts,
 * devices). Written once, run on SQLite (server/api-fuzz.test.ts) and PostgreSQL
 * (server/api-fuzz.pg.test.ts). Seeded, so a failure repeats.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/domain/protocol.ts';
import { encodePushRequest } from '../../src/domain/wire.ts';
import {
  inject,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
  type HarnessFactory,
} from './api-harness.ts';
import { signedDeviceFields } from './device-keys.ts';
import { newCaseMutation, stampAt } from './sync-fixture.ts';

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** The address to send to, when `url` has a parameter known only once seeded. */
  path?: () => string;
  /** Who calls it: a centre manager (most routes), the state admin, or nobody. */
  caller: 'manager' | 'state_admin' | 'none';
  /** A body the route accepts, to be broken in every way. */
  validBody?: () => Record<string, unknown>;
}

/** Tables a refused request must never change (the audit log and throttles may). */
const keptTables = ['sync_records', 'sync_mutations', 'users', 'centres', 'devices'] as const;

const hostileStrings = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '',
  ' ',
  'x'.repeat(100_000),
  '🙂'.repeat(1000),
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
];

function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(...hostileStrings),
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, {}, []),
    fc.constant(Array.from({ length: 10_000 }, () => 'x')),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/** JSON nested `depth` levels deep, built as text (a parser must refuse it, not recurse). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Raw bodies with their content type and encoding: the transport-level breakage. */
function rawBodies(valid: string): Array<{
  name: string;
  payload: string | Buffer;
  headers: Record<string, string>;
}> {
  const json = { 'content-type': 'application/json' };
  return [
    {
      name: 'truncated JSON',
      payload: valid.slice(0, Math.floor(valid.length / 2)),
      headers: json,
    },
    { name: 'not JSON', payload: 'this is not json', headers: json },
    { name: 'empty body', payload: '', headers: json },
    { name: 'JSON null', payload: 'null', headers: json },
    { name: 'JSON array', payload: '[]', headers: json },
    { name: 'JSON string', payload: '"x"', headers: json },
    { name: 'deep nesting', payload: nestedJson(5000), headers: json },
    {
      name: 'invalid UTF-8',
      payload: Buffer.concat([
        Buffer.from(valid.slice(0, -2)),
        Buffer.from([0xff, 0xfe, 0x22, 0x7d]),
      ]),
      headers: json,
    },
    { name: 'text/plain', payload: valid, headers: { 'content-type': 'text/plain' } },
    {
      name: 'form encoded',
      payload: 'a=1&b=2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      name: 'unknown encoding',
      payload: valid,
      headers: { ...json, 'content-encoding': 'zstd-unknown' },
    },
    {
      name: 'gzip that is not gzip',
      payload: valid,
      headers: { ...json, 'content-encoding': 'gzip' },
    },
    {
      name: 'compression bomb',
      // 64 MB of spaces inside a JSON string, ~64 kB on the wire.
      payload: gzipSync(
        Buffer.concat([
          Buffer.from('{"x":"'),
          Buffer.alloc(64 * 1024 * 1024, 0x20),
          Buffer.from('"}'),
        ]),
      ),
      headers: { ...json, 'content-encoding': 'gzip' },
    },
  ];
}

export function describeApiFuzz(openHarness: HarnessFactory): void {
  describe('every route under hostile input', () => {
    let harness: ApiHarness;
    let fixture: Fixture;
    const tokens: Partial<Record<Route['caller'], string>> = {};
    let managerDevice = '';

    beforeAll(async () => {
      harness = await openHarness();
      fixture = await seedFixture(harness, 'fuzz');
      const manager = await signInAs(harness, fixture.users.manager.username);
      tokens.manager = manager.token;
      managerDevice = manager.deviceId;
      tokens.state_admin = (await signInAs(harness, fixture.users.state_admin.username)).token;
    });
    afterAll(async () => harness?.close());

    const routes: Route[] = [
      { method: 'GET', url: '/api/health', caller: 'none' },
      {
        method: 'POST',
        url: '/api/auth/sign-in',
        caller: 'none',
        validBody: () => ({
          username: fixture.users.caseworker.username,
          password: 'wrong password here',
          ...signedDeviceFields(fixture.users.caseworker.username),
        }),
      },
      { method: 'GET', url: '/api/auth/session', caller: 'manager' },
      { method: 'GET', url: '/api/centres', caller: 'manager' },
      { method: 'GET', url: '/api/users', caller: 'manager' },
      {
        method: 'POST',
        url: '/api/users',
        caller: 'manager',
        validBody: () => ({
          username: `fuzz.${randomUUID().slice(0, 8)}`,
          displayName: 'परीक्षण',
          role: 'caseworker',
          password: 'a long enough pass phrase 42',
        }),
      },
      {
        method: 'PUT',
        url: '/api/centres/:id/lock',
        path: () => `/api/centres/${fixture.own.id}/lock`,
        caller: 'manager',
        validBody: () => ({ idleMinutes: 7 }),
      },
      { method: 'GET', url: '/api/devices', caller: 'manager' },
      { method: 'GET', url: '/api/audit', caller: 'state_admin' },
      { method: 'GET', url: '/api/reports/summary', caller: 'state_admin' },
      {
        method: 'POST',
        url: '/api/sync/push',
        caller: 'manager',
        validBody: () =>
          encodePushRequest({
            protocolVersion: PROTOCOL_VERSION,
            deviceId: managerDevice,
            mutations: [
              newCaseMutation(
                {
                  userId: fixture.users.manager.id,
                  deviceId: managerDevice,
                  centreId: fixture.own.id,
                  role: 'manager',
                },
                stampAt(0, managerDevice),
                { survivorName: 'Fuzz' },
              ),
            ],
          }),
      },
      {
        // Unsigned, so every broken body meets the signature check first: it must still
        // answer 4xx and write nothing (the signed cases are api-suite-sealed-push.ts's).
        method: 'POST',
        url: '/api/sync/sealed-push',
        caller: 'none',
        validBody: () => ({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: managerDevice,
          mutations: [{ id: randomUUID(), sealed: { epk: 'AAAA', iv: 'AAAA', ct: 'AAAA' } }],
        }),
      },
      {
        method: 'POST',
        url: '/api/sync/pull',
        caller: 'manager',
        validBody: () => ({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 }),
      },
    ];

    async function countKept(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const table of keptTables) {
        const { rows } = await sql<{ count: number | string }>`
          select count(*) as count from ${sql.table(table)}
        `.execute(harness.db);
        counts[table] = Number(rows[0]?.count);
      }
      return counts;
    }

    function expectRefusal(
      route: Route,
      what: string,
      response: { statusCode: number; body: string },
    ) {
      const where = `${route.method} ${route.url} (${what}) answered ${response.statusCode}: ${response.body.slice(0, 200)}`;
      expect(response.statusCode, where).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, where).toBeLessThan(500);
      const body = JSON.parse(response.body) as { error?: { code?: unknown } };
      expect(typeof body.error?.code, where).toBe('string');
    }

    function send(
      route: Route,
      options: { payload?: string | Buffer; headers?: Record<string, string>; query?: string },
    ) {
      const token = route.caller === 'none' ? undefined : tokens[route.caller];
      return inject(harness, {
        method: route.method,
        url: `${route.path?.() ?? route.url}${options.query ?? ''}`,
        ...(token ? { token } : {}),
        ...(options.payload !== undefined ? { payload: options.payload } : {}),
        headers: options.headers ?? {},
      });
    }

    /** Sends it; unless `mayPass` and it passed, it must be refused and write nothing. */
    async function expectNothingWritten(
      route: Route,
      what: string,
      options: Parameters<typeof send>[1],
      mayPass = false,
    ) {
      const before = await countKept();
      const response = await send(route, options);
      if (mayPass && response.statusCode < 400) return;
      expectRefusal(route, what, response);
      expect(await countKept(), `${route.url} (${what}) wrote although refused`).toEqual(before);
    }

    it.each([
      '/api/health',
      '/api/auth/sign-in',
      '/api/auth/session',
      '/api/centres',
      '/api/centres/:id/lock',
      '/api/users',
      '/api/devices',
      '/api/audit',
      '/api/reports/summary',
      '/api/sync/push',
      '/api/sync/sealed-push',
      '/api/sync/pull',
    ])(
      '%s refuses every broken body and query with a 4xx code, writing nothing',
      async (url) => {
        for (const route of routes.filter((candidate) => candidate.url === url)) {
          if (route.validBody) {
            const valid = JSON.stringify(route.validBody());
            for (const raw of rawBodies(valid)) await expectNothingWritten(route, raw.name, raw);
            // Every hostile string in every field, not only where the random walk lands.
            for (const key of Object.keys(route.validBody())) {
              for (const hostile of hostileStrings) {
                const body = { ...route.validBody(), [key]: hostile };
                await expectNothingWritten(
                  route,
                  `${key} = ${JSON.stringify(hostile.slice(0, 12))}`,
                  {
                    payload: JSON.stringify(body),
                    headers: { 'content-type': 'application/json' },
                  },
                  true,
                );
              }
            }
            await fc.assert(
              fc.asyncProperty(
                fc.oneof(
                  // a field set to something hostile
                  fc.tuple(fc.constant('set' as const), fc.nat(), hostileValue()),
                  // a field left out
                  fc.tuple(fc.constant('drop' as const), fc.nat(), fc.constant(null)),
                  // a field nobody defined
                  fc.tuple(fc.constant('extra' as const), fc.nat(), hostileValue()),
                ),
                async ([change, index, value]) => {
                  const body = route.validBody!();
                  const keys = Object.keys(body);
                  const key = keys[index % keys.length]!;
                  if (change === 'set') body[key] = value;
                  if (change === 'drop') delete body[key];
                  if (change === 'extra') body[`unknown${index}`] = value;
                  // A change can leave a body valid (an extra display name is fine): then it
                  // may pass; anything refused must have written nothing.
                  await expectNothingWritten(
                    route,
                    `${change} ${key}`,
                    {
                      payload: JSON.stringify(body),
                      headers: { 'content-type': 'application/json' },
                    },
                    true,
                  );
                },
              ),
              { seed: 20261130, numRuns: 60 },
            );
          }
          for (const query of [
            '?centreId=%00',
            '?centreId=not-a-uuid',
            `?centreId=${'x'.repeat(5000)}`,
            '?%ZZ=1',
          ]) {
            // A query a route does not read may be ignored; one it reads must be refused.
            await expectNothingWritten(route, `query ${query.slice(0, 30)}`, { query }, true);
          }
        }
      },
      120_000,
    );
  });
}
