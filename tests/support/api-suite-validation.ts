/**
 * Malformed, oversized and wrongly typed requests to every route: each gets a 4xx JSON
 * error with a stable code and a message in both languages, and writes nothing (every
 * table has the same row count after as before). Run on both engines.
 */
import { beforeAll, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import {
  countRows,
  inject,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
} from './api-harness.ts';
import { signedDeviceFields } from './device-keys.ts';

interface BadRequest {
  name: string;
  method: 'GET' | 'POST';
  url: string | ((fixture: Fixture) => string);
  payload?: string | Buffer | ((fixture: Fixture) => string);
  headers?: Record<string, string>;
  signedIn?: boolean;
  status: number;
  code: string;
}

const json = { 'content-type': 'application/json' };
const signIn = '/api/auth/sign-in';
const good = {
  username: 'valid.user',
  password: 'x',
  ...signedDeviceFields('valid.user', 'tab-1'),
};
const { devicePublicKey: _withoutKey, ...unkeyed } = good;

/** A new user's body the server accepts as it is (tested below), for refusals to vary. */
const acceptableNewUser = {
  username: 'new.one',
  displayName: 'x',
  role: 'state_analyst',
  centreId: null,
  password: 'long enough password',
};

/** `POST /api/users` with an acceptable body but for `change`; `undefined` leaves a field out. */
function refusedNewUser(
  name: string,
  change: Record<string, unknown> | ((fixture: Fixture) => Record<string, unknown>),
  status = 400,
  code = 'invalid_request',
): BadRequest {
  return {
    name: `create user: ${name}`,
    method: 'POST',
    url: '/api/users',
    payload: (fixture) =>
      JSON.stringify({
        ...acceptableNewUser,
        ...(typeof change === 'function' ? change(fixture) : change),
      }),
    headers: json,
    signedIn: true,
    status,
    code,
  };
}

const BAD_REQUESTS: BadRequest[] = [
  {
    name: 'sign-in: broken JSON',
    method: 'POST',
    url: signIn,
    payload: '{"username":',
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: empty body',
    method: 'POST',
    url: signIn,
    payload: '',
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: no password',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ username: 'a', deviceId: 'tab-1' }),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: username a number',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ ...good, username: 42 }),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: unknown field',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ ...good, role: 'state_admin' }),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: bad device id',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ ...good, deviceId: '../etc' }),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: no device key',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify(unkeyed),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: a device key with a private part',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ ...good, devicePublicKey: { ...good.devicePublicKey, d: 'x' } }),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: switchCentre false',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ ...good, switchCentre: false }),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: array body',
    method: 'POST',
    url: signIn,
    payload: '[]',
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'sign-in: over 4 kB',
    method: 'POST',
    url: signIn,
    payload: JSON.stringify({ ...good, password: 'x'.repeat(5000) }),
    headers: json,
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'sign-in: gzip bomb',
    method: 'POST',
    url: signIn,
    payload: gzipSync(JSON.stringify({ ...good, password: '0'.repeat(100_000) })),
    headers: { ...json, 'content-encoding': 'gzip' },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'sign-in: form encoding',
    method: 'POST',
    url: signIn,
    payload: 'username=a&password=b',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'sign-in: GET', method: 'GET', url: signIn, status: 404, code: 'not_found' },
  {
    name: 'sign-out: broken JSON',
    method: 'POST',
    url: '/api/auth/sign-out',
    payload: '{',
    headers: json,
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'session: unknown query',
    method: 'GET',
    url: '/api/auth/session?x=1',
    signedIn: true,
    status: 200,
    code: '',
  },
  {
    name: 'users: centreId not an id',
    method: 'GET',
    url: '/api/users?centreId=LKO',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'users: unknown query',
    method: 'GET',
    url: '/api/users?role=manager',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'devices: centreId injection',
    method: 'GET',
    url: "/api/devices?centreId=x'%20or%201=1--",
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'centres: repeated centreId',
    method: 'GET',
    url: (f) => `/api/centres?centreId=${f.own.id}&centreId=${f.other.id}`,
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'reports: unknown query',
    method: 'GET',
    url: '/api/reports/summary?from=2026',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'audit: limit 0',
    method: 'GET',
    url: '/api/audit?limit=0',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'audit: limit not a number',
    method: 'GET',
    url: '/api/audit?limit=ten',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'audit: before negative',
    method: 'GET',
    url: '/api/audit?before=-1',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'revoke: bad id',
    method: 'POST',
    url: '/api/devices/a%20b/revoke',
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'revoke: unknown device',
    method: 'POST',
    url: '/api/devices/no-such-tablet/revoke',
    signedIn: true,
    status: 404,
    code: 'not_found',
  },
  {
    name: 'create user: broken JSON',
    method: 'POST',
    url: '/api/users',
    payload: '{"username"',
    headers: json,
    signedIn: true,
    status: 400,
    code: 'invalid_request',
  },
  refusedNewUser('missing password', { password: undefined }),
  refusedNewUser('unknown role', { role: 'janitor' }),
  refusedNewUser('short password', { password: 'short' }),
  refusedNewUser('upper-case username', { username: 'New.One' }),
  refusedNewUser('centreId a number', { role: 'nurse', centreId: 7 }),
  refusedNewUser('blank display name', { displayName: '   ' }),
  refusedNewUser(
    'headquarters role with a centre',
    (fixture) => ({ centreId: fixture.own.id }),
    422,
    'invalid_role_for_centre',
  ),
  refusedNewUser(
    'no such centre',
    { role: 'nurse', centreId: '00000000-0000-4000-8000-000000000000' },
    422,
    'unknown_centre',
  ),
  refusedNewUser('taken username', { username: 'valid.state_analyst' }, 409, 'username_taken'),
  {
    name: 'create user: over 1 MB',
    method: 'POST',
    url: '/api/users',
    payload: JSON.stringify({ username: 'new.one', displayName: 'x'.repeat(1_100_000) }),
    headers: json,
    signedIn: true,
    status: 413,
    code: 'payload_too_large',
  },
];

export function validationSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;
  let adminToken: string;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'valid');
    adminToken = (await signInAs(h, fixture.users.state_admin.username)).token;
  });

  it.each(BAD_REQUESTS)('$name → $status $code, nothing written', async (bad) => {
    const before = await countRows(h);
    const response = await inject(h, {
      method: bad.method,
      url: typeof bad.url === 'function' ? bad.url(fixture) : bad.url,
      payload: typeof bad.payload === 'function' ? bad.payload(fixture) : bad.payload,
      headers: bad.headers,
      token: bad.signedIn ? adminToken : undefined,
    });
    if (bad.status === 200) {
      // Extra query fields on a route without a querystring schema are simply not read.
      expect(response.statusCode).toBe(200);
    } else {
      expect(response.statusCode, response.body).toBe(bad.status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = response.json<{
        error: { code: string; message: { hi: string; en: string } };
      }>();
      expect(body.error.code).toBe(bad.code);
      expect(body.error.message.hi.length).toBeGreaterThan(0);
      expect(body.error.message.en.length).toBeGreaterThan(0);
    }
    expect(await countRows(h)).toEqual(before);
  });

  it('accepts the new user that the refusals above change one thing of', async () => {
    const response = await inject(h, {
      method: 'POST',
      url: '/api/users',
      payload: { ...acceptableNewUser, username: 'new.accepted' },
      token: adminToken,
    });
    expect(response.statusCode, response.body).toBe(201);
  });
}
