/**
 * The locked tablet's push (src/domain/sealed-push-protocol.ts): mutations sealed to
 * headquarters, the body signed with the device key, no session token. It writes and
 * never reads: the answer is the normal push answer, and no pull follows it.
 *
 * What must hold: like the session push (http-transport.ts), nothing is acknowledged
 * until the answer adds up to exactly the mutations sent (`checkPushResponse`), and the
 * signature covers the exact JSON bytes that are sent (before gzip), since the server
 * verifies those bytes before it reads the body.
 */
import { encodeBase64url } from '../domain/base64url.ts';
import { PROTOCOL_VERSION, pushResponseSchema, type Mutation } from '../domain/protocol.ts';
import {
  DEVICE_REVOKED_HEADER,
  DEVICE_SIGNATURE_HEADER,
  SEALED_PUSH_PATH,
  type SealedMutation,
  type SealedPlaintext,
  type SealedPushRequest,
} from '../domain/sealed-push-protocol.ts';
import { checkPushResponse } from '../domain/wire.ts';
import { sealForServer } from '../platform/sealed-box.ts';
import { decodeAnswer, fitBody, postSyncJson } from './http-transport.ts';
import type { SentPush } from './sync-ports.ts';

export interface SealMutationInput {
  /** Headquarters' X25519 public key as pinned at sign-in (base64url). */
  readonly sealingKey: string;
  readonly deviceId: string;
  /** Who saved it on this tablet: the server checks she may write from this device. */
  readonly userId: string;
  /** Exactly as the session push would send it. */
  readonly mutation: Mutation;
}

/** A mutation as the outbox keeps it for a locked push: only the server can open it. */
export async function sealMutation(input: SealMutationInput): Promise<SealedMutation> {
  const plaintext: SealedPlaintext = { userId: input.userId, mutation: input.mutation };
  const sealed = await sealForServer({
    sealingKey: input.sealingKey,
    deviceId: input.deviceId,
    mutationId: input.mutation.id,
    plaintext: new TextEncoder().encode(JSON.stringify(plaintext)),
  });
  return { id: input.mutation.id, sealed };
}

export interface PushSealedInput {
  /** The server's origin; '' for the page's (or worker's) own. */
  readonly baseUrl: string;
  readonly deviceId: string;
  /** The device key's private half (ECDSA P-256), non-extractable. */
  readonly signingKey: CryptoKey;
  /** In outbox order; as many as fit in one request (at least one) are sent. */
  readonly boxes: readonly SealedMutation[];
  readonly fetch?: typeof fetch;
}

export interface SentSealedPush extends SentPush {
  /**
   * Headquarters revoked this tablet: it still took this push; push the rest, then wipe
   * (wipe-after-revocation.ts).
   */
  readonly isDeviceRevoked: boolean;
}

/**
 * Sends the first of `boxes`, as many as fit in `maxPushBytes`, and answers exactly
 * those (`sentCount` from the first). Throws SyncError: `offline`, `device_revoked`
 * (from a server that refuses revoked tablets' pushes: wipe), `bad_device_signature`
 * (sign in online first), or as the session push does.
 */
export async function pushSealed(input: PushSealedInput): Promise<SentSealedPush> {
  if (input.boxes.length === 0) throw new Error('pushSealed needs at least one box');
  const { json, sent } = fitBody(input.boxes, (mutations): SealedPushRequest => ({
    protocolVersion: PROTOCOL_VERSION,
    deviceId: input.deviceId,
    mutations,
  }));
  const signature = await globalThis.crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    input.signingKey,
    json,
  );
  let isDeviceRevoked = false;
  const response = await postSyncJson({
    url: `${input.baseUrl}${SEALED_PUSH_PATH}`,
    json,
    headers: { [DEVICE_SIGNATURE_HEADER]: encodeBase64url(new Uint8Array(signature)) },
    schema: pushResponseSchema,
    fetch: input.fetch,
    onAnswerHeaders: (headers) => {
      isDeviceRevoked = headers.get(DEVICE_REVOKED_HEADER) === '1';
    },
  });
  const sentIds = sent.map((box) => box.id);
  decodeAnswer(() => checkPushResponse(response, sentIds));
  return { sentCount: sent.length, response, isDeviceRevoked };
}
