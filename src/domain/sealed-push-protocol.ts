/**
 * The sealed, signed push: how a locked tablet (or its service worker, with the app
 * closed) sends its outbox without the PIN. It can write but never read: every mutation
 * travels sealed to headquarters' X25519 public key (the `sealingKey` of the sign-in
 * answer), the request carries no session token, and the device key signs the body.
 * docs/sync-protocol.md, "Sealed push (locked tablet)", is the same contract in prose.
 *
 * What must always hold (a change to any of it is a protocol change):
 * - A box is opened only for the device and mutation it was sealed for: the AES-GCM
 *   additional data is `<deviceId>\n<mutation id>` (`sealedBoxAad`), so a box copied into
 *   another device's push or under another mutation id does not open.
 * - The AES key is HKDF-SHA-256 over the X25519 shared secret with salt = epk || sealing
 *   key and info = `sakhi-sealed-outbox-v1`: a fresh ephemeral key per box, so no two
 *   boxes share a key, and the salt ties the key to the recipient it was made for.
 * - The signature covers the body's exact bytes as JSON text (after any Content-Encoding
 *   is undone): the server verifies those bytes before it parses a single field.
 * - A malformed or unopenable box refuses only its own mutation
 *   (`unreadable_sealed_box`); the other mutations of the push still apply.
 */
import { z } from './zod.ts';
import { base64urlPattern } from './base64url.ts';
import { deviceIdSchema, maxMutationsPerPush, mutationSchema } from './protocol.ts';

export const SEALED_PUSH_PATH = '/api/sync/sealed-push';

/** Carries the device key's signature: ECDSA P-256/SHA-256, IEEE P1363 (r || s), base64url. */
export const DEVICE_SIGNATURE_HEADER = 'X-Sakhi-Device-Signature';

/**
 * Set (to `1`) on the answer to a revoked tablet's sealed push: its mutations were still
 * handled as any sealed push's (so its outbox is not lost), and now it must wipe itself.
 */
export const DEVICE_REVOKED_HEADER = 'X-Sakhi-Device-Revoked';

/** HKDF's info, as UTF-8. */
export const SEALED_BOX_INFO = 'sakhi-sealed-outbox-v1';

/** Byte lengths inside a box: X25519 public keys, the AES-GCM IV and tag, the AES key. */
export const SEALED_BOX_SIZES = { publicKey: 32, iv: 12, tag: 16, aesKey: 32 } as const;

/** A P1363 P-256 signature: r and s, 32 bytes each. */
export const DEVICE_SIGNATURE_BYTES = 64;

const base64urlSchema = z.string().check(z.regex(base64urlPattern, 'not base64url'));

/**
 * One sealed mutation: `epk` the ephemeral X25519 public key (32 bytes), `iv` the AES-GCM
 * IV (12 bytes), `ct` the ciphertext followed by the 16-byte tag; each base64url without
 * padding. Lengths are checked when the box is opened, so a wrong one refuses only its
 * own mutation.
 */
export const sealedBoxSchema = z.object({
  epk: base64urlSchema.check(z.maxLength(64)),
  iv: base64urlSchema.check(z.maxLength(64)),
  ct: base64urlSchema.check(z.maxLength(1_400_000)),
});
export type SealedBox = z.infer<typeof sealedBoxSchema>;

export const sealedMutationSchema = z.object({
  /** The sealed mutation's own id, also bound into the box's additional data. */
  id: z.uuid(),
  sealed: sealedBoxSchema,
});
export type SealedMutation = z.infer<typeof sealedMutationSchema>;

export const sealedPushRequestSchema = z.object({
  protocolVersion: z.number().check(z.int()),
  deviceId: deviceIdSchema,
  mutations: z.array(sealedMutationSchema).check(z.maxLength(maxMutationsPerPush)),
});
export type SealedPushRequest = z.infer<typeof sealedPushRequestSchema>;

/**
 * What a box holds, as UTF-8 JSON: the mutation exactly as the tablet would push it, and
 * who saved it on this tablet (the server checks she may; the device alone proves nothing
 * about the person).
 */
export const sealedPlaintextSchema = z.object({
  userId: z.string().check(z.minLength(1), z.maxLength(64)),
  mutation: mutationSchema,
});
export type SealedPlaintext = z.infer<typeof sealedPlaintextSchema>;

/** The AES-GCM additional data of a box, before UTF-8 encoding. */
export function sealedBoxAad(deviceId: string, mutationId: string): string {
  return `${deviceId}\n${mutationId}`;
}

/** HKDF's salt: the box's ephemeral public key, then the recipient's (32 bytes each). */
export function sealedBoxSalt(epk: Uint8Array, sealingKey: Uint8Array): Uint8Array<ArrayBuffer> {
  const salt = new Uint8Array(epk.length + sealingKey.length);
  salt.set(epk, 0);
  salt.set(sealingKey, epk.length);
  return salt;
}
