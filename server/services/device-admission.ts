/**
 * Which tablet may sign in under a device id, for which centre, and with which data key.
 *
 * What must hold:
 * - A device id belongs to the key that first registered it (or, for a tablet
 *   registered before device keys, the first key that signs in with it). A sign-in that
 *   cannot prove possession of that key is refused, and changes nothing: no session of
 *   the owner ends, no ownership moves.
 * - A tablet works for one scope, a centre or headquarters. Staff of another scope get
 *   `device_other_centre` and the answer says nothing of the tablet's scope; only a
 *   sign-in that says `switchCentre` moves it, and the move makes a new data key and
 *   destroys the old, so nothing unlocked for one centre opens for the next.
 * - A device id never seen before counts against the day's bounds on new devices
 *   (./new-device-quota.ts) once its key is proven, and before it takes a tag.
 * - The data key released is the one stored when the transaction commits: concurrent
 *   sign-ins on several processes write it only where none is stored, then read back.
 */
import type { Kysely } from 'kysely';
import { signInSignedText, type DevicePublicKey } from '../../src/domain/auth-protocol.ts';
import type { Database, Device } from '../db/schema.ts';
import {
  isDeviceSignatureValid,
  makeWrappedDataKey,
  serializeDevicePublicKey,
  unwrapDataKey,
} from './device-keys.ts';
import { findDevice, registerDevice, type DeviceOwner } from './devices.ts';
import { countNewDevice, type NewDeviceLimits } from './new-device-quota.ts';
import type { ServerSecrets } from './server-secrets.ts';
import { ServiceError } from './service-error.ts';

export interface DeviceAdmissionInput {
  deviceId: string;
  name: string | null;
  owner: DeviceOwner;
  /** The username exactly as sent: what the tablet signed. */
  signedUsername: string;
  publicKey: DevicePublicKey;
  signature: string;
  switchCentre: boolean;
  newDeviceLimits: Readonly<NewDeviceLimits>;
  now: Date;
}

export interface AdmittedDevice {
  device: Device;
  dataKey: Buffer;
  /** The centre (null: headquarters) the tablet left, when this sign-in moved it. */
  movedFrom?: { centreId: string | null };
  /** True when a tablet registered before device keys had its key bound now. */
  isKeyBoundNow: boolean;
}

/** Run inside the sign-in's transaction: a refusal thrown here rolls back every write. */
export async function admitDevice(
  db: Kysely<Database>,
  secrets: ServerSecrets,
  input: DeviceAdmissionInput,
): Promise<AdmittedDevice> {
  const sentKey = serializeDevicePublicKey(input.publicKey);
  const existing = await findDevice(db, input.deviceId);
  if (existing?.revoked_at) throw new ServiceError('device_revoked');
  refuseWithoutPossession(existing, sentKey, input);
  const isMoving = existing !== undefined && existing.centre_id !== input.owner.centreId;
  if (isMoving && !input.switchCentre) throw new ServiceError('device_other_centre');
  if (existing === undefined) {
    await countNewDevice(db, input.owner, input.newDeviceLimits, input.now);
  }

  const device = await registerDevice(db, {
    deviceId: input.deviceId,
    name: input.name,
    owner: input.owner,
    now: input.now,
  });
  const isKeyBoundNow = existing !== undefined && existing.public_key_jwk === null;
  if (device.public_key_jwk === null) {
    await db
      .updateTable('devices')
      .set({ public_key_jwk: sentKey })
      .where('id', '=', device.id)
      .where('public_key_jwk', 'is', null)
      .execute();
  }
  if (isMoving || device.wrapped_data_key === null) {
    let update = db
      .updateTable('devices')
      .set({ wrapped_data_key: makeWrappedDataKey(secrets, device.id).wrapped })
      .where('id', '=', device.id);
    if (!isMoving) update = update.where('wrapped_data_key', 'is', null);
    await update.execute();
  }

  const stored = await findDevice(db, device.id);
  // Another sign-in bound a different key between our read and our write.
  if (stored?.public_key_jwk !== sentKey) throw new ServiceError('device_key_mismatch');
  if (stored.wrapped_data_key === null) {
    throw new Error(`device ${device.id} has no data key after admission`);
  }
  return {
    device: stored,
    dataKey: unwrapDataKey(secrets, stored.id, stored.wrapped_data_key),
    ...(isMoving ? { movedFrom: { centreId: existing.centre_id } } : {}),
    isKeyBoundNow,
  };
}

function refuseWithoutPossession(
  existing: Device | undefined,
  sentKey: string,
  input: DeviceAdmissionInput,
): void {
  const signedText = signInSignedText(input.deviceId, input.signedUsername);
  const stored = existing?.public_key_jwk ?? null;
  if (stored !== null) {
    if (stored !== sentKey || !isDeviceSignatureValid(stored, signedText, input.signature)) {
      throw new ServiceError('device_key_mismatch');
    }
    return;
  }
  if (!isDeviceSignatureValid(sentKey, signedText, input.signature)) {
    throw new ServiceError('bad_device_signature');
  }
}
