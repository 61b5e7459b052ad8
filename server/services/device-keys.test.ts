import { describe, expect, it } from 'vitest';
import { makeDeviceKey, signWithDeviceKey } from '../../tests/support/device-keys.ts';
import {
  isDeviceSignatureValid,
  makeWrappedDataKey,
  serializeDevicePublicKey,
  unwrapDataKey,
} from './device-keys.ts';
import { createServerSecrets } from './server-secrets.ts';

describe('data key wrapping', () => {
  const secrets = createServerSecrets();

  it('opens for the device it was wrapped for, and holds the key only sealed', () => {
    const { dataKey, wrapped } = makeWrappedDataKey(secrets, 'tab-1');
    expect(dataKey).toHaveLength(32);
    expect(unwrapDataKey(secrets, 'tab-1', wrapped).equals(dataKey)).toBe(true);
    expect(wrapped).not.toContain(dataKey.toString('base64url'));
    expect(makeWrappedDataKey(secrets, 'tab-1').dataKey.equals(dataKey)).toBe(false);
  });

  it('refuses a wrapped key copied to another device, another secrets file, or altered', () => {
    const { wrapped } = makeWrappedDataKey(secrets, 'tab-1');
    expect(() => unwrapDataKey(secrets, 'tab-2', wrapped)).toThrow(/does not open/);
    expect(() => unwrapDataKey(createServerSecrets(), 'tab-1', wrapped)).toThrow(/does not open/);
    const body = Buffer.from(wrapped.slice(3), 'base64url');
    body[20] = (body[20] ?? 0) ^ 1;
    expect(() => unwrapDataKey(secrets, 'tab-1', `v1.${body.toString('base64url')}`)).toThrow();
    expect(() => unwrapDataKey(secrets, 'tab-1', 'v9.abc')).toThrow(/unknown format/);
  });
});

describe('device signatures', () => {
  const key = makeDeviceKey();
  const stored = serializeDevicePublicKey(key.publicKey);

  it('accepts the key’s own P1363 signature over exactly these bytes', () => {
    const signature = signWithDeviceKey(key, 'sakhi-sign-in-v1\ntab-1\nlko.nurse');
    expect(isDeviceSignatureValid(stored, 'sakhi-sign-in-v1\ntab-1\nlko.nurse', signature)).toBe(
      true,
    );
    expect(isDeviceSignatureValid(stored, 'sakhi-sign-in-v1\ntab-1\nLKO.nurse', signature)).toBe(
      false,
    );
    const other = serializeDevicePublicKey(makeDeviceKey().publicKey);
    expect(isDeviceSignatureValid(other, 'sakhi-sign-in-v1\ntab-1\nlko.nurse', signature)).toBe(
      false,
    );
  });

  it('answers false, never throws, for a broken key or signature', () => {
    const off = serializeDevicePublicKey({ ...key.publicKey, y: key.publicKey.x });
    expect(isDeviceSignatureValid(off, 'x', signWithDeviceKey(key, 'x'))).toBe(false);
    expect(isDeviceSignatureValid('not json', 'x', signWithDeviceKey(key, 'x'))).toBe(false);
    expect(isDeviceSignatureValid(stored, 'x', 'AAAA')).toBe(false);
  });
});
