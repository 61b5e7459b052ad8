/**
 * Device keys for tests that sign in as a tablet would: an ECDSA P-256 key pair per
 * device id, and the signed fields of a sign-in request.
 *
 * One key per device id for the life of the test process, so signing in again with the
 * same id proves the same key, as a real tablet does. node:crypto's synchronous API
 * makes the same JWK and IEEE P1363 signatures as the tablet's WebCrypto, and keeps
 * these helpers usable in payload builders that are not async.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { signInSignedText, type DevicePublicKey } from '../../src/domain/auth-protocol.ts';
import type { DeviceKeyPair } from '../../src/platform/device-key.ts';

export interface TestDeviceKey {
  publicKey: DevicePublicKey;
  privateKey: KeyObject;
}

const keysByDevice = new Map<string, TestDeviceKey>();

/** A new key pair, bound to no device id: for a tablet pretending to be another. */
export function makeDeviceKey(): TestDeviceKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new Error('a P-256 public key without x or y');
  }
  return { publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, privateKey };
}

/** The key this device id signs with in this test process. */
export function deviceKeyFor(deviceId: string): TestDeviceKey {
  let key = keysByDevice.get(deviceId);
  if (!key) {
    key = makeDeviceKey();
    keysByDevice.set(deviceId, key);
  }
  return key;
}

/**
 * The key pair of `deviceId` as a tablet keeps it: WebCrypto keys, the private one
 * non-extractable, for the tablet's own code to sign with where a test signed in as it.
 */
export async function tabletKeyPairFor(deviceId: string): Promise<DeviceKeyPair> {
  const key = deviceKeyFor(deviceId);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
  return {
    publicJwk: key.publicKey,
    privateKey: await crypto.subtle.importKey(
      'jwk',
      key.privateKey.export({ format: 'jwk' }),
      algorithm,
      false,
      ['sign'],
    ),
    publicKey: await crypto.subtle.importKey('jwk', key.publicKey, algorithm, true, ['verify']),
  };
}

/** Base64url IEEE P1363 signature of `message` (UTF-8 when a string). */
export function signWithDeviceKey(key: TestDeviceKey, message: string | Uint8Array): string {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return sign('sha256', bytes, { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString(
    'base64url',
  );
}

/**
 * The device fields of a sign-in request: `deviceId`, `devicePublicKey`,
 * `deviceSignature` over the username exactly as it will be sent.
 */
export function signedDeviceFields(
  username: string,
  deviceId: string = randomUUID(),
  key: TestDeviceKey = deviceKeyFor(deviceId),
) {
  return {
    deviceId,
    devicePublicKey: key.publicKey,
    deviceSignature: signWithDeviceKey(key, signInSignedText(deviceId, username)),
  };
}
