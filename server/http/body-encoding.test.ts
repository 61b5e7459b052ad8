// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../services/service-error.ts';
import { UNPACK_ON_LOOP_BYTES, decodeRequestBody } from './body-encoding.ts';

const LIMIT = 1024 * 1024;

/** JSON of about `bytes` that packs poorly (random hex), so its packed size is known. */
function jsonOf(bytes: number): Buffer {
  return Buffer.from(JSON.stringify({ note: randomBytes(bytes / 2).toString('hex') }));
}

/** Packed as a tablet would send it (brotli at a quick quality: 16 MB at 11 takes long). */
function pack(encoding: 'gzip' | 'br', bytes: Buffer): Buffer {
  if (encoding === 'gzip') return gzipSync(bytes);
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return (error as ServiceError).code;
}

describe('decodeRequestBody', () => {
  it('gives a body sent as it is back unchanged', async () => {
    const body = Buffer.from('{"name":"सखी"}');
    expect(await decodeRequestBody(undefined, body, LIMIT)).toBe(body);
  });

  // Small packed bodies are unpacked on the event loop, large ones on the pool: both exact.
  it.each([
    ['gzip', 'a small', 4_000],
    ['gzip', 'a large', 200_000],
    ['br', 'a small', 4_000],
    ['br', 'a large', 200_000],
  ] as const)('unpacks %s, %s body exactly', async (encoding, _size, bytes) => {
    const json = jsonOf(bytes);
    const packed = pack(encoding, json);
    expect(packed.length > UNPACK_ON_LOOP_BYTES).toBe(bytes > 100_000);
    expect((await decodeRequestBody(encoding, packed, LIMIT)).equals(json)).toBe(true);
  });

  it('takes a body of exactly the limit unpacked, and refuses one byte more with 413', async () => {
    const exact = Buffer.alloc(LIMIT, 0x20);
    expect((await decodeRequestBody('gzip', gzipSync(exact), LIMIT)).length).toBe(LIMIT);
    const over = Buffer.alloc(LIMIT + 1, 0x20);
    expect(await codeOf(decodeRequestBody('gzip', gzipSync(over), LIMIT))).toBe(
      'payload_too_large',
    );
  });

  it.each(['gzip', 'br'] as const)(
    'refuses a %s bomb with 413, on the loop and on the pool',
    async (encoding) => {
      // 16 MB of spaces: ~16 kB packed (unpacked on the loop).
      const spaces = Buffer.alloc(16 * 1024 * 1024, 0x20);
      const small = pack(encoding, spaces);
      expect(small.length).toBeLessThanOrEqual(UNPACK_ON_LOOP_BYTES);
      expect(await codeOf(decodeRequestBody(encoding, small, LIMIT))).toBe('payload_too_large');
      // Past the loop's size, with 2 MB that packs poorly (unpacked on the pool).
      const noisy = jsonOf(2 * LIMIT);
      const large = pack(encoding, noisy);
      expect(large.length).toBeGreaterThan(UNPACK_ON_LOOP_BYTES);
      expect((await decodeRequestBody(encoding, large, 4 * LIMIT)).equals(noisy)).toBe(true);
      expect(await codeOf(decodeRequestBody(encoding, large, LIMIT))).toBe('payload_too_large');
    },
  );

  it('refuses other encodings with 415 and bytes that do not unpack with 400', async () => {
    const json = Buffer.from('{"name":"सखी"}');
    expect(await codeOf(decodeRequestBody('deflate', deflateSync(json), LIMIT))).toBe(
      'unsupported_media_type',
    );
    expect(await codeOf(decodeRequestBody('identity', json, LIMIT))).toBe('unsupported_media_type');
    expect(await codeOf(decodeRequestBody('gzip', json, LIMIT))).toBe('invalid_request');
    expect(await codeOf(decodeRequestBody('br', json, LIMIT))).toBe('invalid_request');
  });
});
