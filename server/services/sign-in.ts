/**
 * First sign-in on a tablet: password check, device registration, a new session.
 *
 * What must hold:
 * - An unknown username, a wrong password and a disabled account with a wrong password
 *   all answer invalid_credentials after the same scrypt work (a dummy hash stands in
 *   for the missing user), so the answer and its timing do not say which usernames
 *   exist.
 * - Attempts are counted at the account before the password is checked, and at the
 *   address only when it was wrong (./sign-in-throttle.ts).
 * - What was typed as a username is stored (in the audit log, in the throttle) only if
 *   an account has it; otherwise only its keyed hash (./username-hash.ts).
 * - The device, the new session, the end of the tablet's previous session and the audit
 *   row commit together, or not at all. A device refusal (./device-admission.ts) leaves
 *   everything as it was, the owner's session included, and is audited as denied.
 * - A refusal for too many new devices comes after the password was proven, so it
 *   clears the account's attempt count as a success does: waiting out the day must not
 *   turn into a lockout for wrong passwords she never typed.
 */
import type { DevicePublicKey } from '../../src/domain/auth-protocol.ts';
import { admitDevice } from './device-admission.ts';
import { HEADQUARTERS_TAG_SCOPE } from './devices.ts';
import { DEFAULT_NEW_DEVICE_LIMITS } from './new-device-quota.ts';
import { findUserByUsername } from './accounts.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { hashCost, hashPassword, verifyPassword, type ScryptParams } from './passwords.ts';
import { ServiceError } from './service-error.ts';
import { createSession, revokeDeviceSessions, type NewSession } from './sessions.ts';
import {
  countAccountAttempt,
  countAddressFailure,
  enterFromAddress,
  forgiveAccountAttempts,
  releaseAddress,
  throttleKeys,
} from './sign-in-throttle.ts';
import { hashUsername, normalizeUsername } from './username-hash.ts';
import type { Centre, Device, User } from '../db/schema.ts';

export interface SignInInput {
  /** Exactly as sent: the device signed these characters. */
  username: string;
  password: string;
  deviceId: string;
  deviceName: string | null;
  devicePublicKey: DevicePublicKey;
  deviceSignature: string;
  switchCentre: boolean;
  /** The answer carries the centre's address, phone and staff (tablet-sessions.ts). */
  withCentreDetails?: boolean;
  ip: string;
}

export interface SignedIn {
  session: NewSession;
  user: User;
  centre: Centre | null;
  device: Device;
  /** The tablet's data key, for the answer only: never logged, never stored bare. */
  dataKey: Buffer;
}

/** Refusals decided about the tablet, not the person: audited as denied. */
const DEVICE_REFUSALS: ReadonlySet<string> = new Set([
  'device_revoked',
  'device_key_mismatch',
  'device_other_centre',
  'bad_device_signature',
  'too_many_new_devices',
]);

/** The refusal when an account or address is over its limit, naming the wait. */
function refuseTooManyAttempts(retryAfterSeconds: number): ServiceError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ServiceError('too_many_attempts', {
    message: {
      hi: `बहुत बार गलत पासवर्ड डाला गया। ${minutes} मिनट बाद फिर कोशिश करें।`,
      en: `Too many wrong passwords. Try again in ${minutes} minute(s).`,
    },
    details: { retryAfterSeconds },
  });
}

export async function signIn(ctx: ServiceContext, input: SignInInput): Promise<SignedIn> {
  const username = normalizeUsername(input.username);
  const now = ctx.now();
  const keys = throttleKeys(hashUsername(ctx.secrets.usernameKey, username), input.ip);
  const base = { action: 'auth.sign_in', ip: input.ip, deviceId: input.deviceId } as const;
  const user = await findUserByUsername(ctx.db, username);
  const who = auditedUsername(ctx, username, user);

  const wait =
    (await countAccountAttempt(ctx.db, keys, now)) ?? (await enterFromAddress(ctx.db, keys, now));
  if (wait !== null) {
    await recordAudit(ctx.db, now, {
      ...base,
      userId: user?.id ?? null,
      centreId: user?.centre_id ?? null,
      outcome: 'denied',
      details: { ...who, reason: 'too_many_attempts' },
    });
    throw refuseTooManyAttempts(wait);
  }

  let isCorrect: boolean;
  try {
    isCorrect = await verifyPassword(
      input.password,
      user?.password_hash ?? (await dummyHash(ctx.passwordParams)),
    );
  } finally {
    await releaseAddress(ctx.db, keys);
  }
  if (!user || !isCorrect || user.disabled_at !== null) {
    const reason = !user ? 'unknown_user' : !isCorrect ? 'wrong_password' : 'account_disabled';
    await countAddressFailure(ctx.db, keys, now);
    await recordAudit(ctx.db, now, {
      ...base,
      userId: user?.id ?? null,
      centreId: user?.centre_id ?? null,
      outcome: 'failure',
      details: { ...who, reason },
    });
    throw new ServiceError(
      reason === 'account_disabled' ? 'account_disabled' : 'invalid_credentials',
    );
  }

  const centre = user.centre_id
    ? ((await ctx.db
        .selectFrom('centres')
        .selectAll()
        .where('id', '=', user.centre_id)
        .executeTakeFirst()) ?? null)
    : null;
  let signedIn: SignedIn;
  try {
    signedIn = await ctx.db.transaction().execute(async (trx) => {
      const admitted = await admitDevice(trx, ctx.secrets, {
        deviceId: input.deviceId,
        name: input.deviceName,
        owner: {
          userId: user.id,
          centreId: user.centre_id,
          districtCode: centre?.district_code ?? null,
        },
        signedUsername: input.username,
        publicKey: input.devicePublicKey,
        signature: input.deviceSignature,
        switchCentre: input.switchCentre,
        newDeviceLimits: ctx.newDeviceLimits ?? DEFAULT_NEW_DEVICE_LIMITS,
        now,
      });
      const { device } = admitted;
      // Colleagues of one centre share a tablet, each unlocking with her own PIN and
      // syncing with her own session: a sign-in replaces only her own earlier session
      // here. A tablet that moved to another centre keeps no one's.
      await revokeDeviceSessions(trx, {
        deviceId: device.id,
        userId: admitted.movedFrom ? null : user.id,
        now,
        reason: 'replaced',
      });
      const session = await createSession(trx, { userId: user.id, deviceId: device.id, now });
      await recordAudit(trx, now, {
        ...base,
        userId: user.id,
        centreId: user.centre_id,
        resourceType: 'device',
        resourceId: device.id,
        outcome: 'success',
        details: {
          username,
          deviceTag: device.tag,
          tagScope: device.tag_scope ?? HEADQUARTERS_TAG_SCOPE,
          ...(admitted.isKeyBoundNow ? { keyBound: 'first_use' } : {}),
        },
      });
      if (admitted.movedFrom) {
        await recordAudit(trx, now, {
          ...base,
          action: 'device.centre_switched',
          userId: user.id,
          centreId: user.centre_id,
          resourceType: 'device',
          resourceId: device.id,
          outcome: 'success',
          details: {
            previousCentreId: admitted.movedFrom.centreId,
            deviceTag: device.tag,
            tagScope: device.tag_scope ?? HEADQUARTERS_TAG_SCOPE,
          },
        });
      }
      return { session, user, centre, device, dataKey: admitted.dataKey };
    });
  } catch (error) {
    if (error instanceof ServiceError && DEVICE_REFUSALS.has(error.code)) {
      await recordAudit(ctx.db, now, {
        ...base,
        userId: user.id,
        centreId: user.centre_id,
        outcome: 'denied',
        details: { ...who, reason: error.code },
      });
      if (error.code === 'too_many_new_devices') await forgiveAccountAttempts(ctx.db, keys);
    }
    throw error;
  }
  await forgiveAccountAttempts(ctx.db, keys);
  if (hashCost(user.password_hash).N < ctx.passwordParams.N) {
    // The cost was raised since this hash was made: she just proved the password.
    const rehashed = await hashPassword(input.password, ctx.passwordParams);
    await ctx.db
      .updateTable('users')
      .set({ password_hash: rehashed })
      .where('id', '=', user.id)
      .execute();
  }
  return signedIn;
}

/**
 * How the audit log names who tried: an account's username as it is, anything else
 * only as its keyed hash (./username-hash.ts).
 */
function auditedUsername(
  ctx: ServiceContext,
  username: string,
  user: User | undefined,
): { username: string } | { usernameHash: string } {
  return user ? { username } : { usernameHash: hashUsername(ctx.secrets.usernameKey, username) };
}

const dummyHashes = new Map<string, Promise<string>>();

/** A hash of nothing anyone knows, at the current cost, made once per process. */
function dummyHash(params: Readonly<ScryptParams>): Promise<string> {
  const key = `${params.N}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(`no such user ${Math.random()}`, params);
    dummyHashes.set(key, hash);
  }
  return hash;
}
