// @vitest-environment node
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import compress from '@fastify/compress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseAnswerEncoding,
  COMPRESS_FROM_BYTES,
  sendCompressedJson,
} from './compressed-json.ts';

describe('chooseAnswerEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['BR;Q=1', 'br'],
    ['*', 'br'],
    ['*;q=0.2, gzip', 'gzip'],
    ['br;q=oops, gzip;q=0.1', 'gzip'],
  ])('%s → %s', (header, expected) => {
    expect(chooseAnswerEncoding(header)).toBe(expected);
  });
});

describe('sendCompressedJson', () => {
  const app = Fastify();
  // Hindi and English, as a pull page carries: UTF-8 must survive the round trip.
  const page = {
    serverTime: '2026-03-08T09:31:00.000Z',
    groups: Array.from({ length: 50 }, (_, i) => ({ name: `सुनीता देवी ${i}`, note: 'परामर्श' })),
    cursor: null,
    hasMore: false,
  };
  beforeAll(async () => {
    await app.register(compress, { encodings: ['br', 'gzip'] });
    app.get('/page', (request, reply) => sendCompressedJson(request, reply, page));
    app.get('/small', (request, reply) => sendCompressedJson(request, reply, { hasMore: false }));
  });
  afterAll(() => app.close());

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('sends exactly the JSON Fastify would, in the encoding asked for', async () => {
    const expected = Buffer.from(JSON.stringify(page));
    expect(expected.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    const br = await get('/page', 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(expected)).toBe(true);
    const gzip = await get('/page', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).equals(expected)).toBe(true);
    const plain = await get('/page', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(expected)).toBe(true);
    for (const answer of [br, gzip, plain]) {
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('leaves a small answer uncompressed', async () => {
    const small = await get('/small', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ hasMore: false });
  });
});
