/**
 * Opens the boxes a locked tablet seals to headquarters (src/platform/sealed-box.ts seals
 * them; the scheme is src/domain/sealed-push-protocol.ts's), with node:crypto.
 *
 * What must hold: a box opens only with the server's sealing key, for the device and
 * mutation id it was sealed for, and only into text the server can store as sent; any
 * other box — wrong lengths, tampered, another device's, not a mutation — is `null`,
 * never an exception, so it refuses its own mutation and no other.
 */
import {
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { decodeBase64url } from '../../src/domain/base64url.ts';
import {
  SEALED_BOX_INFO,
  SEALED_BOX_SIZES,
  sealedBoxAad,
  sealedBoxSalt,
  sealedPlaintextSchema,
  type SealedBox,
  type SealedPlaintext,
} from '../../src/domain/sealed-push-protocol.ts';
import { findTextProblemIn } from './stored-text.ts';

export interface SealingKeyPair {
  /** Headquarters' X25519 private key. */
  readonly sealingPrivateKey: KeyObject;
  /** Its public half, 32 raw bytes base64url: what the tablets sealed to. */
  readonly sealingPublicKey: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What the box holds, or null when it does not open into a mutation with this id. */
export function openSealedBox(
  keys: SealingKeyPair,
  deviceId: string,
  mutationId: string,
  box: SealedBox,
): SealedPlaintext | null {
  const bytes = decryptBox(keys, sealedBoxAad(deviceId, mutationId), box);
  if (bytes === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  if (findTextProblemIn(parsed) !== undefined) return null;
  const plaintext = sealedPlaintextSchema.safeParse(parsed);
  if (!plaintext.success || plaintext.data.mutation.id !== mutationId) return null;
  return plaintext.data;
}

function decryptBox(keys: SealingKeyPair, aad: string, box: SealedBox): Buffer | null {
  const epk = decodeBase64url(box.epk);
  const iv = decodeBase64url(box.iv);
  const sealed = decodeBase64url(box.ct);
  const recipient = decodeBase64url(keys.sealingPublicKey);
  if (
    epk?.length !== SEALED_BOX_SIZES.publicKey ||
    iv?.length !== SEALED_BOX_SIZES.iv ||
    sealed === null ||
    sealed.length < SEALED_BOX_SIZES.tag ||
    recipient === null
  ) {
    return null;
  }
  try {
    const ephemeral = createPublicKey({
      key: { kty: 'OKP', crv: 'X25519', x: box.epk },
      format: 'jwk',
    });
    // Throws on a low-order ephemeral key (an all-zero secret): caught below.
    const shared = diffieHellman({ privateKey: keys.sealingPrivateKey, publicKey: ephemeral });
    const key = Buffer.from(
      hkdfSync(
        'sha256',
        shared,
        sealedBoxSalt(epk, recipient),
        SEALED_BOX_INFO,
        SEALED_BOX_SIZES.aesKey,
      ),
    );
    const tagAt = sealed.length - SEALED_BOX_SIZES.tag;
    const decipher = createDecipheriv('aes-256-gcm', key, iv, {
      authTagLength: SEALED_BOX_SIZES.tag,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(tagAt));
    return Buffer.concat([decipher.update(sealed.subarray(0, tagAt)), decipher.final()]);
  } catch {
    return null;
  }
}
