/**
 * Seals bytes to headquarters' X25519 public key with WebCrypto (page, service worker and
 * Node alike): the locked tablet's way to send what only the server can read. The scheme
 * is src/domain/sealed-push-protocol.ts's; the server opens it with node:crypto
 * (server/services/sealed-box.ts).
 *
 * What must hold: every box has its own ephemeral key pair and IV, and keeps nothing the
 * tablet could open again — the ephemeral private key is non-extractable and dropped
 * when this returns, so a box on the tablet is as unreadable to whoever holds it as it
 * is on the wire.
 */
import { decodeBase64url, encodeBase64url } from '../domain/base64url.ts';
import {
  SEALED_BOX_INFO,
  SEALED_BOX_SIZES,
  sealedBoxAad,
  sealedBoxSalt,
  type SealedBox,
} from '../domain/sealed-push-protocol.ts';

export interface SealForServerInput {
  /** Headquarters' X25519 public key as pinned at sign-in: 32 bytes, base64url. */
  readonly sealingKey: string;
  readonly deviceId: string;
  readonly mutationId: string;
  readonly plaintext: Uint8Array<ArrayBuffer>;
}

const utf8 = new TextEncoder();

export async function sealForServer(input: SealForServerInput): Promise<SealedBox> {
  const { subtle } = globalThis.crypto;
  const recipientBytes = decodeBase64url(input.sealingKey);
  if (recipientBytes?.length !== SEALED_BOX_SIZES.publicKey) {
    throw new Error('the sealing key is not a 32-byte X25519 public key');
  }
  const recipient = await subtle.importKey('raw', recipientBytes, { name: 'X25519' }, false, []);
  const ephemeral = (await subtle.generateKey({ name: 'X25519' }, false, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const shared = await subtle.deriveBits(
    { name: 'X25519', public: recipient },
    ephemeral.privateKey,
    SEALED_BOX_SIZES.publicKey * 8,
  );
  const epk = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
  const hkdfKey = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const aesKey = await subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: sealedBoxSalt(epk, recipientBytes),
      info: utf8.encode(SEALED_BOX_INFO),
    },
    hkdfKey,
    { name: 'AES-GCM', length: SEALED_BOX_SIZES.aesKey * 8 },
    false,
    ['encrypt'],
  );
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(SEALED_BOX_SIZES.iv));
  const ct = await subtle.encrypt(
    {
      name: 'AES-GCM',
      iv,
      additionalData: utf8.encode(sealedBoxAad(input.deviceId, input.mutationId)),
    },
    aesKey,
    input.plaintext,
  );
  return {
    epk: encodeBase64url(epk),
    iv: encodeBase64url(iv),
    ct: encodeBase64url(new Uint8Array(ct)),
  };
}
