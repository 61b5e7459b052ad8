/**
 * The sealed push (src/domain/sealed-push-protocol.ts): a locked tablet's write-only push,
 * signed with its device key, with no session.
 *
 * What must always hold:
 * - Nothing is read before the device key's signature over the body's exact bytes has
 *   verified. An unknown device, a device without a key and a wrong signature all answer
 *   `bad_device_signature` alike, so the route tells nobody which device ids exist.
 * - A revoked tablet may still push what its outbox holds (write-only, the same checks),
 *   and is told it is revoked (the route's answer header) so it wipes itself. Revocation
 *   ends reading at once (no session, no data key); writing ends when the tablet has
 *   wiped, or at once for a person whose account is disabled.
 * - Each mutation is applied as its writer's own session push would be (sync-push.ts
 *   `applyPush`: same checks, write rules, merge, audit in the same transaction), and
 *   only if she is active staff of the tablet's centre who has signed in on this tablet.
 *   The tablet's key proves which tablet sent it, never who typed it.
 * - The answer is the push answer — counts, ids, reasons — and nothing of any record.
 */
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { decodeBase64url } from '../../src/domain/base64url.ts';
import { deviceIdSchema, type PushResponse } from '../../src/domain/protocol.ts';
import {
  DEVICE_SIGNATURE_BYTES,
  type SealedPushRequest,
} from '../../src/domain/sealed-push-protocol.ts';
import type { SyncTables } from '../db/sync-schema.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { openSealedBox } from './sealed-box.ts';
import { ServiceError, refuseInvalidRequest } from './service-error.ts';
import { applyPush, type PushItem } from './sync-push.ts';
import { SEALED_REJECTIONS } from './sync-reasons.ts';
import type { SyncActor } from './sync-scope.ts';

/** The tablet a signature proved. */
export interface SigningDevice {
  readonly id: string;
  /** Null for a headquarters tablet, whose pushes nobody may apply. */
  readonly centreId: string | null;
  readonly isRevoked: boolean;
}

export interface SignedBody {
  /** The body's bytes as received (any Content-Encoding undone); null without a body. */
  readonly bytes: Uint8Array | null;
  /** The body as parsed JSON. */
  readonly json: unknown;
  /** The signature header as sent, if at all. */
  readonly signature: string | undefined;
}

/**
 * The device whose key signed `body` (revoked or not), or the refusal
 * `bad_device_signature` (unknown device, no key, wrong signature).
 */
export async function verifyDeviceSignature(
  ctx: ServiceContext,
  body: SignedBody,
): Promise<SigningDevice> {
  const deviceId = deviceIdSchema.safeParse(
    typeof body.json === 'object' && body.json !== null && 'deviceId' in body.json
      ? body.json.deviceId
      : undefined,
  );
  const signature = body.signature === undefined ? null : decodeBase64url(body.signature);
  if (!deviceId.success || body.bytes === null || signature?.length !== DEVICE_SIGNATURE_BYTES) {
    throw new ServiceError('bad_device_signature');
  }
  const device = await ctx.db
    .selectFrom('devices')
    .select(['id', 'centre_id', 'revoked_at', 'public_key_jwk'])
    .where('id', '=', deviceId.data)
    .executeTakeFirst();
  if (!device?.public_key_jwk || !isSignedBy(device.public_key_jwk, body.bytes, signature)) {
    throw new ServiceError('bad_device_signature');
  }
  return { id: device.id, centreId: device.centre_id, isRevoked: device.revoked_at !== null };
}

function isSignedBy(publicKeyJwk: string, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: JSON.parse(publicKeyJwk) as JsonWebKey, format: 'jwk' });
    return verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/**
 * Opens each box and applies what it holds for its writer, in one transaction with one
 * audit row per writer (and one for the boxes that named nobody who may write).
 */
export async function pushSealedMutations(
  ctx: ServiceContext,
  device: SigningDevice,
  request: SealedPushRequest,
  ip: string,
): Promise<PushResponse> {
  if (request.deviceId !== device.id) throw new Error('the request names another device');
  assertDistinctIds(request);
  const opened = request.mutations.map(({ id, sealed }) => ({
    id,
    plaintext: openSealedBox(ctx.secrets, device.id, id, sealed),
  }));
  const writers = await findWriters(
    ctx,
    device,
    opened.flatMap(({ plaintext }) => (plaintext ? [plaintext.userId] : [])),
  );
  const writerOf = new Map<string, string | null>();
  const items = opened.map(({ id, plaintext }): PushItem => {
    const actor = plaintext ? writers.get(plaintext.userId) : undefined;
    writerOf.set(id, actor?.userId ?? null);
    if (!plaintext) return { mutationId: id, refusal: SEALED_REJECTIONS.unreadable };
    if (!actor) return { mutationId: id, refusal: SEALED_REJECTIONS.notPermitted };
    return { mutation: plaintext.mutation, actor };
  });
  const now = ctx.now();
  return applyPush(
    ctx.db.withTables<SyncTables>(),
    { protocolVersion: request.protocolVersion, deviceId: device.id, items },
    now,
    async (trx, answer) => {
      for (const [userId, details] of countByWriter(answer, writerOf)) {
        await recordAudit(trx, now, {
          action: 'case.write',
          outcome: 'success',
          userId,
          deviceId: device.id,
          ip,
          resourceType: 'sync',
          centreId: device.centreId,
          details: { ...details, sealed: true, ...(device.isRevoked ? { revoked: true } : {}) },
        });
      }
      await trx
        .updateTable('devices')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', device.id)
        .execute();
    },
  );
}

/** As the session push: the answer names mutations by id, so each may appear once. */
function assertDistinctIds(request: SealedPushRequest): void {
  const seen = new Set<string>();
  for (const { id } of request.mutations) {
    if (seen.has(id)) throw refuseInvalidRequest(`mutation id ${id} is listed twice in one push`);
    seen.add(id);
  }
}

/**
 * Each named person who may write from this tablet, as her session would act: an active
 * account of the tablet's centre with a session (of any age) on this tablet.
 */
async function findWriters(
  ctx: ServiceContext,
  device: SigningDevice,
  userIds: readonly string[],
): Promise<Map<string, SyncActor>> {
  const writers = new Map<string, SyncActor>();
  const wanted = [...new Set(userIds)];
  if (device.centreId === null || wanted.length === 0) return writers;
  const rows = await ctx.db
    .selectFrom('users')
    .select(['users.id', 'users.role', 'users.centre_id'])
    .where('users.id', 'in', wanted)
    .where('users.centre_id', '=', device.centreId)
    .where('users.disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('sessions')
          .select('sessions.id')
          .whereRef('sessions.user_id', '=', 'users.id')
          .where('sessions.device_id', '=', device.id),
      ),
    )
    .execute();
  for (const row of rows) {
    writers.set(row.id, {
      userId: row.id,
      deviceId: device.id,
      role: row.role,
      centreId: row.centre_id,
    });
  }
  return writers;
}

type WriteCounts = { applied: number; duplicate: number; rejected: number };

function countByWriter(
  answer: PushResponse,
  writerOf: ReadonlyMap<string, string | null>,
): Map<string | null, WriteCounts> {
  const duplicates = new Set(answer.duplicates);
  const rejected = new Set(answer.rejected.map((result) => result.mutationId));
  const counts = new Map<string | null, WriteCounts>();
  for (const [mutationId, userId] of writerOf) {
    const count = counts.get(userId) ?? { applied: 0, duplicate: 0, rejected: 0 };
    if (duplicates.has(mutationId)) count.duplicate += 1;
    else if (rejected.has(mutationId)) count.rejected += 1;
    else count.applied += 1;
    counts.set(userId, count);
  }
  return counts;
}
