// The raw store's leak search must find a secret in every form it claims to, or the privacy
// browser test's "nothing found" would prove nothing.
import { describe, expect, it } from 'vitest';
import { findLeaks, type RawTabletStore } from './raw-tablet-store.ts';

const secret = 'ज़ेबुन्निसा Farooqui';
const bytes = (buffer: Buffer) => ({ bytes: buffer.toString('base64') });

function storeWith(value: RawTabletStore[string][number]['value']): RawTabletStore {
  return { cases: [{ key: 'case-1', value }] };
}

describe('findLeaks', () => {
  it.each([
    ['clear text', storeWith({ survivorName: secret })],
    ['upper case', storeWith({ note: secret.toUpperCase() })],
    ['a key name', storeWith({ [secret]: 1 })],
    ['URI-encoded text', storeWith(`q=${encodeURIComponent(secret)}`)],
    ['base64 inside text', storeWith(`x:${Buffer.from(`..${secret}`).toString('base64')}`)],
    ['base64url inside text', storeWith(Buffer.from(`.${secret}!`).toString('base64url'))],
    ['UTF-8 bytes', storeWith(bytes(Buffer.from(`iv${secret}tag`)))],
    ['UTF-16LE bytes', storeWith(bytes(Buffer.from(secret, 'utf16le')))],
    ['UTF-16BE bytes', storeWith(bytes(Buffer.from(secret, 'utf16le').swap16()))],
    [
      '\\u escapes',
      storeWith(
        JSON.stringify(secret).replace(
          /[^\x20-\x7e]/g,
          (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
        ),
      ),
    ],
  ])('finds it as %s', (_form, store) => {
    expect(findLeaks(store, [secret])).not.toEqual([]);
  });

  it('finds nothing in sealed bytes and ids', () => {
    const sealed = bytes(
      Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256)),
    );
    const store = storeWith({ id: '0190f3a2-7c1e-7000-8000-000000000001', sealed });
    expect(findLeaks(store, [secret, '9812345670'])).toEqual([]);
  });
});
