/**
 * What the API reads and how it answers, against careless and hostile clients: JSON only
 * (415 otherwise), gzip or brotli only (415 for deflate), UTF-8 that decodes whole, no NUL
 * or lone surrogate in any text (400, not a 500 from the database), and `no-store` on
 * every API answer. Each refusal writes nothing. Run on both engines.
 */
import { deflateSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { countRows, inject, seedFixture, signInAs, type ApiHarness } from './api-harness.ts';
import { signedDeviceFields } from './device-keys.ts';

const PLACEHOLDER = '@name@';
const json = { 'content-type': 'application/json' };

/** A create-user body whose display name is `nameBytes`, exactly as given. */
function createUserBody(nameBytes: Buffer): Buffer {
  const [before, after] = JSON.stringify({
    username: 'body.new.analyst',
    displayName: PLACEHOLDER,
    role: 'state_analyst',
    centreId: null,
    password: 'आम बादल साइकिल नीला',
  }).split(PLACEHOLDER) as [string, string];
  return Buffer.concat([Buffer.from(before), nameBytes, Buffer.from(after)]);
}

function signInBody(username: string): string {
  return JSON.stringify({
    username,
    password: 'not the password',
    ...signedDeviceFields(username, 'tab-1'),
  });
}

const REFUSED_BODIES = [
  {
    name: 'a text/plain body',
    url: '/api/auth/sign-in',
    payload: signInBody('body.state_admin'),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a deflate body',
    url: '/api/auth/sign-in',
    payload: deflateSync(signInBody('body.state_admin')),
    headers: { ...json, 'content-encoding': 'deflate' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a NUL in the sign-in username',
    url: '/api/auth/sign-in',
    payload: signInBody('body.state_admin\u0000'),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a NUL in a new account’s name',
    url: '/api/users',
    payload: createUserBody(Buffer.from('Sunita\\u0000')),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a lone surrogate in a new account’s name',
    url: '/api/users',
    payload: createUserBody(Buffer.from('Sunita \\ud800')),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'invalid UTF-8 in a new account’s name',
    url: '/api/users',
    payload: createUserBody(Buffer.concat([Buffer.from('Sunita '), Buffer.from([0xc3, 0x28])])),
    headers: json,
    status: 400,
    code: 'invalid_request',
  },
];

export function bodySuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let adminToken: string;

  beforeAll(async () => {
    h = getHarness();
    const fixture = await seedFixture(h, 'body');
    adminToken = (await signInAs(h, fixture.users.state_admin.username)).token;
  });

  it.each(REFUSED_BODIES)('refuses $name: $status $code, nothing written', async (bad) => {
    const before = await countRows(h);
    const response = await inject(h, {
      method: 'POST',
      url: bad.url,
      payload: bad.payload,
      headers: bad.headers,
      token: bad.url === '/api/users' ? adminToken : undefined,
    });
    expect(response.statusCode, response.body).toBe(bad.status);
    expect(response.json<{ error: { code: string } }>().error.code).toBe(bad.code);
    expect(await countRows(h)).toEqual(before);
  });

  it('stores a name in Devanagari sent as UTF-8 exactly as sent', async () => {
    const response = await inject(h, {
      method: 'POST',
      url: '/api/users',
      payload: createUserBody(Buffer.from('सुनीता देवी')),
      headers: json,
      token: adminToken,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<{ user: { displayName: string } }>().user.displayName).toBe('सुनीता देवी');
  });

  it.each([
    ['a signed-in answer', '/api/users', true],
    ['a refusal', '/api/users', false],
    ['an unknown API address', '/api/nothing-here', true],
    ['health', '/api/health', false],
  ])('marks %s no-store', async (_name, url, signedIn) => {
    const response = await inject(h, {
      method: 'GET',
      url,
      token: signedIn ? adminToken : undefined,
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });
}
