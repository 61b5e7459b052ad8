import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

describe('base64url', () => {
  it('matches Node for every length up to three blocks, with - and _ and no padding', () => {
    for (let length = 0; length <= 12; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 251) % 256);
      const text = encodeBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64Url(text)).toEqual(bytes);
    }
    expect(encodeBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('refuses standard base64 and impossible lengths', () => {
    expect(() => decodeBase64Url('+/8=')).toThrow('not base64url');
    expect(() => decodeBase64Url('abcde')).toThrow('not base64url');
  });
});
