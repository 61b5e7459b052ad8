/**
 * The cryptography of tablet identity: checking a device key's signature, and sealing
 * a tablet's data key for storage in the database.
 *
 * What must hold:
 * - A data key is stored only wrapped: AES-256-GCM under the secrets file's
 *   key-wrapping key, with the device id as additional data, so a wrapped key copied
 *   onto another device's row does not open, and the database alone opens nothing.
 * - A signature is checked against a P-256 key in IEEE P1363 form (64 bytes r||s), as
 *   WebCrypto makes it. Anything malformed (a point off the curve, a short signature)
 *   is a failed check, never an exception.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  randomBytes,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { DevicePublicKey } from '../../src/domain/auth-protocol.ts';
import type { ServerSecrets } from './server-secrets.ts';

/** The one way a device key is stored and compared: its four members, in this order. */
export function serializeDevicePublicKey(key: DevicePublicKey): string {
  return JSON.stringify({ kty: key.kty, crv: key.crv, x: key.x, y: key.y });
}

function importDevicePublicKey(stored: string): KeyObject | null {
  try {
    const jwk = JSON.parse(stored) as DevicePublicKey;
    return createPublicKey({ key: { ...jwk }, format: 'jwk' });
  } catch {
    return null;
  }
}

/**
 * True when `signature` (base64url P1363) is the device key's over `message`.
 * `publicKey`: as stored by serializeDevicePublicKey.
 */
export function isDeviceSignatureValid(
  publicKey: string,
  message: string | Uint8Array,
  signature: string,
): boolean {
  const key = importDevicePublicKey(publicKey);
  if (!key || key.asymmetricKeyType !== 'ec') return false;
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  try {
    return verify(
      'sha256',
      bytes,
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

const WRAP_FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** A fresh data key for a tablet, and how it is stored: `v1.<base64url iv||ct||tag>`. */
export function makeWrappedDataKey(
  secrets: ServerSecrets,
  deviceId: string,
): { dataKey: Buffer; wrapped: string } {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secrets.keyWrappingKey, iv);
  cipher.setAAD(Buffer.from(deviceId, 'utf8'));
  const sealed = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { dataKey, wrapped: `${WRAP_FORMAT}.${sealed.toString('base64url')}` };
}

/**
 * Opens a stored data key. Throws when it was wrapped for another device or under
 * another secrets file: that is a broken deployment (docs/operations.md), not a
 * tablet's mistake, so it surfaces as a server error.
 */
export function unwrapDataKey(secrets: ServerSecrets, deviceId: string, wrapped: string): Buffer {
  const [format, body] = wrapped.split('.');
  if (format !== WRAP_FORMAT || body === undefined) {
    throw new Error(`device ${deviceId}: stored data key has an unknown format`);
  }
  const sealed = Buffer.from(body, 'base64url');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', secrets.keyWrappingKey, iv);
  decipher.setAAD(Buffer.from(deviceId, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw new Error(
      `device ${deviceId}: stored data key does not open with this server's secrets file`,
      { cause: error },
    );
  }
}
