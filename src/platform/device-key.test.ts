import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64url } from '../domain/base64url.ts';
import { createDeviceKey, signWithDeviceKey } from './device-key.ts';

const text = new TextEncoder().encode('sakhi-sign-in-v1\ndevice-1\nasha');

describe('device key', () => {
  it('exports exactly kty, crv, x and y, and keeps the private key unreadable', async () => {
    const key = await createDeviceKey();
    expect(Object.keys(key.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(decodeBase64url(key.publicJwk.x)!).toHaveLength(32);
    expect(decodeBase64url(key.publicJwk.y)!).toHaveLength(32);
    expect(key.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
  });

  it('signs in P1363 form that Node verifies with the exported public key', async () => {
    const key = await createDeviceKey();
    const signature = await signWithDeviceKey(key.privateKey, text);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const publicKey = createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' });
    const check = (bytes: Uint8Array) =>
      verify(
        'sha256',
        bytes,
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        decodeBase64url(signature)!,
      );
    expect(check(text)).toBe(true);
    expect(check(new TextEncoder().encode('sakhi-sign-in-v1\ndevice-2\nasha'))).toBe(false);
  });

  it('makes a different pair on every call', async () => {
    const [first, second] = await Promise.all([createDeviceKey(), createDeviceKey()]);
    expect(first.publicJwk.x).not.toBe(second.publicJwk.x);
  });
});
