// @vitest-environment node
import { gunzipSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { PROTOCOL_VERSION } from '../src/domain/protocol.ts';
import {
  FAKE_ASSET_BODY,
  FAKE_ASSET_PATH,
  createAppUnderTest,
  type AppUnderTest,
} from '../tests/support/app-under-test.ts';
import { withErrorResponses } from './http/api-errors.ts';
import { ERROR_MESSAGES } from './services/service-error.ts';

// One server for the file: these tests only read from it. The two that change a server
// (closing its database, adding routes) have their own.
let subject: AppUnderTest;

beforeAll(async () => {
  subject = await createAppUnderTest();
});

afterAll(() => subject?.close());

describe('GET /api/health', () => {
  it('reports the database, protocol, server time, mode and version', async () => {
    const before = Date.now();
    const response = await subject.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body).toEqual({
      status: 'ok',
      db: 'sqlite',
      protocolVersion: PROTOCOL_VERSION,
      serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      demo: false,
      version: packageJson.version,
    });
    const serverTime = Date.parse(body.serverTime as string);
    expect(serverTime).toBeGreaterThanOrEqual(before);
    expect(serverTime).toBeLessThanOrEqual(Date.now());
  });

  it('answers 503 database_unavailable when the database is gone', async () => {
    const own = await createAppUnderTest();
    try {
      await own.database.close();
      const response = await own.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        error: { code: 'database_unavailable', message: ERROR_MESSAGES.database_unavailable },
      });
    } finally {
      await own.close();
    }
  });
});

describe('unknown API paths', () => {
  it.each([
    ['GET', '/api/nothing-here'],
    ['POST', '/api/cases/push'],
    ['GET', '/api'],
    ['DELETE', '/cases/1'],
  ] as const)('%s %s is a JSON 404 in Hindi and English', async (method, url) => {
    const response = await subject.app.inject({ method, url });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      error: {
        code: 'not_found',
        message: { hi: expect.any(String) as unknown, en: expect.any(String) as unknown },
      },
    });
  });
});

describe('compression', () => {
  it('gzips when the client asks for gzip', async () => {
    const response = await subject.app.inject({
      method: 'GET',
      url: FAKE_ASSET_PATH,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(response.rawPayload).toString()).toBe(FAKE_ASSET_BODY);
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(FAKE_ASSET_BODY) / 4);
  });

  it('prefers brotli when offered both', async () => {
    const response = await subject.app.inject({
      method: 'GET',
      url: FAKE_ASSET_PATH,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(FAKE_ASSET_BODY);
  });

  it('sends plain bytes to a client that asks for none', async () => {
    const response = await subject.app.inject({
      method: 'GET',
      url: FAKE_ASSET_PATH,
      headers: { 'accept-encoding': 'identity' },
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(FAKE_ASSET_BODY);
  });
});

describe('request errors', () => {
  const echoSchema = {
    body: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: { type: 'string', maxLength: 2_000_000 } },
    },
    response: withErrorResponses({
      200: { type: 'object', properties: { length: { type: 'integer' } } },
    }),
  } as const;

  // Its own server: routes can be added only before a server answers its first request.
  let withTestRoutes: AppUnderTest;
  beforeAll(async () => {
    withTestRoutes = await createAppUnderTest();
    // Routes made for the test, to exercise the handling every route shares.
    withTestRoutes.app.post('/api/test/echo', { schema: echoSchema }, (request) => ({
      length: (request.body as { name: string }).name.length,
    }));
    withTestRoutes.app.get(
      '/api/test/crash',
      { schema: { response: withErrorResponses({}) } },
      () => {
        throw new Error('secret internal detail');
      },
    );
  });
  afterAll(() => withTestRoutes?.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    withTestRoutes.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ name: 'सखी' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ length: 3 });
  });

  it('answers a schema violation with 400 invalid_request, naming the field in English', async () => {
    const response = await post(JSON.stringify({ name: 42 }));
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{
      error: { code: string; message: { hi: string; en: string } };
    }>();
    expect(error.code).toBe('invalid_request');
    expect(error.message.hi).toBe(ERROR_MESSAGES.invalid_request.hi);
    expect(error.message.en).toContain('name');
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const response = await post(JSON.stringify({ name: 'सखी', consentGiven: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const response = await post('{"name": ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('answers a body over 1 MB with 413 payload_too_large', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(1024 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: { code: 'payload_too_large', message: ERROR_MESSAGES.payload_too_large },
    });
  });

  it('accepts a gzip request body, and limits it by its unpacked size', async () => {
    const small = await post(gzipSync(JSON.stringify({ name: 'सखी' })), {
      'content-encoding': 'gzip',
    });
    expect(small.statusCode).toBe(200);
    // 1.5 MB that packs to a few kB must still be refused.
    const bomb = gzipSync(JSON.stringify({ name: '0'.repeat(1.5 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(10_000);
    const refused = await post(bomb, { 'content-encoding': 'gzip' });
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('answers an unknown content type with 415', async () => {
    const response = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('hides internals of an unexpected failure behind 500 internal_error', async () => {
    const response = await withTestRoutes.app.inject({ method: 'GET', url: '/api/test/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'internal_error', message: ERROR_MESSAGES.internal_error },
    });
    expect(response.body).not.toContain('secret');
  });
});
