/**
 * The tablet's device key: an ECDSA P-256 pair made on first run with WebCrypto. It proves
 * at every sign-in, and on every sealed push, that a request comes from the tablet that
 * registered its device id, so no one can take a device id over by naming it.
 *
 * What must always hold:
 * - The private key is made non-extractable: no code, not even this app's, can read it
 *   out; it can only sign, on this tablet, as a CryptoKey kept in IndexedDB.
 * - The public key goes out as exactly `{ kty, crv, x, y }`, the form the server compares
 *   byte for byte with the one it registered.
 * - Signatures are IEEE P1363 (r || s, 64 bytes) over SHA-256, base64url: what WebCrypto
 *   gives and what Node verifies with `dsaEncoding: 'ieee-p1363'`.
 */
import type { DevicePublicKey } from '../domain/auth-protocol.ts';
import { encodeBase64url } from '../domain/base64url.ts';

export interface DeviceKeyPair {
  /** Sent at sign-in as `devicePublicKey`. */
  readonly publicJwk: DevicePublicKey;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export async function createDeviceKey(): Promise<DeviceKeyPair> {
  const pair = await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
  // The public half of a pair is always extractable, whatever the flag says.
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.x === undefined || jwk.y === undefined) {
    throw new Error('WebCrypto exported an unexpected device public key');
  }
  return {
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
  };
}

/** base64url of the 64-byte P1363 signature over `bytes` (SHA-256). */
export async function signWithDeviceKey(privateKey: CryptoKey, bytes: Uint8Array): Promise<string> {
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    Uint8Array.from(bytes),
  );
  return encodeBase64url(new Uint8Array(signature));
}
