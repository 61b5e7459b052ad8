import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64url, encodeBase64url } from './base64url.ts';

describe('base64url', () => {
  it('matches Node’s encoding and round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64url(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses padding, foreign characters, impossible lengths and non-zero spare bits', () => {
    expect(decodeBase64url('AQ==')).toBeNull();
    expect(decodeBase64url('A+8')).toBeNull();
    expect(decodeBase64url('AQ B')).toBeNull();
    expect(decodeBase64url('AAAAA')).toBeNull();
    expect(decodeBase64url('AR')).toBeNull();
    expect(decodeBase64url('AQ')).toEqual(new Uint8Array([1]));
  });
});
