/**
 * Tablets: registered by signing in on them, revoked by a manager or headquarters.
 *
 * What must hold: a device's tag is unique within its scope (district code, or `HQ`)
 * and never reused there, because case numbers made offline rest on it. Tags come from
 * device_tag_counters through one atomic upsert, so registrations racing on several
 * PostgreSQL processes each get their own index; a tablet that stays in its district
 * keeps its tag for life, and one moved to another district gets a new one there.
 */
import { sql, type Kysely } from 'kysely';
import { deviceTagForIndex } from '../../src/domain/case-number.ts';
import type { Database, Device } from '../db/schema.ts';
import type { RowFilter } from './row-filter.ts';
import { ServiceError } from './service-error.ts';
import { revokeSessionsWhere } from './sessions.ts';

export const HEADQUARTERS_TAG_SCOPE = 'HQ';

export interface DeviceOwner {
  userId: string;
  centreId: string | null;
  /** The centre's district code; null for headquarters staff. */
  districtCode: string | null;
}

/**
 * Registers the tablet to this user, or re-registers it (a shared tablet, a new
 * sign-in). Throws device_revoked for a revoked tablet: it must wipe and start afresh
 * with a new device id.
 */
export async function registerDevice(
  db: Kysely<Database>,
  input: { deviceId: string; name: string | null; owner: DeviceOwner; now: Date },
): Promise<Device> {
  const scope = input.owner.districtCode ?? HEADQUARTERS_TAG_SCOPE;
  const nowIso = input.now.toISOString();
  const existing = await findDevice(db, input.deviceId);
  if (existing?.revoked_at) throw new ServiceError('device_revoked');
  const ownership = {
    user_id: input.owner.userId,
    centre_id: input.owner.centreId,
    last_seen_at: nowIso,
    ...(input.name === null ? {} : { name: input.name }),
  };
  if (existing) {
    const tagChange =
      existing.tag_scope === scope ? {} : { tag: await nextTag(db, scope), tag_scope: scope };
    await db
      .updateTable('devices')
      .set({ ...ownership, ...tagChange })
      .where('id', '=', existing.id)
      .execute();
  } else {
    const inserted = await db
      .insertInto('devices')
      .values({
        id: input.deviceId,
        tag: await nextTag(db, scope),
        tag_scope: scope,
        registered_at: nowIso,
        revoked_at: null,
        revoked_by: null,
        ...ownership,
        name: input.name,
      })
      // Another process registering the same tablet at this instant: theirs stands,
      // and this sign-in takes it over as the update above would.
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      return registerDevice(db, input);
    }
  }
  const device = await findDevice(db, input.deviceId);
  if (!device) throw new Error(`device ${input.deviceId} vanished during registration`);
  return device;
}

async function nextTag(db: Kysely<Database>, scope: string): Promise<string> {
  const row = await db
    .insertInto('device_tag_counters')
    .values({ scope, next_index: 1 })
    .onConflict((conflict) =>
      conflict
        .column('scope')
        .doUpdateSet({ next_index: sql<number>`device_tag_counters.next_index + 1` }),
    )
    .returning('next_index')
    .executeTakeFirstOrThrow();
  return deviceTagForIndex(row.next_index - 1);
}

export function findDevice(db: Kysely<Database>, deviceId: string): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
}

export interface DeviceListing extends Device {
  username: string;
  display_name: string;
}

export async function listDevices(
  db: Kysely<Database>,
  filter: RowFilter | { kind: 'device'; deviceId: string },
): Promise<DeviceListing[]> {
  let select = db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .selectAll('devices')
    .select(['users.username', 'users.display_name'])
    .orderBy('devices.registered_at')
    .orderBy('devices.id');
  if (filter.kind === 'device') select = select.where('devices.id', '=', filter.deviceId);
  if (filter.kind === 'centre') {
    select =
      filter.centreId === null
        ? select.where('devices.centre_id', 'is', null)
        : select.where('devices.centre_id', '=', filter.centreId);
  }
  return select.execute();
}

/**
 * Revokes the tablet, destroys its data key and ends every session on it. Revoking
 * twice keeps the first time.
 */
export async function revokeDevice(
  db: Kysely<Database>,
  input: { deviceId: string; now: Date; revokedBy: string | null },
): Promise<Device> {
  const device = await findDevice(db, input.deviceId);
  if (!device) throw new ServiceError('not_found');
  if (device.revoked_at === null) {
    await db
      .updateTable('devices')
      .set({ revoked_at: input.now.toISOString(), revoked_by: input.revokedBy })
      .where('id', '=', device.id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  // Destroying the only copy the server keeps: a revoked tablet's data can never again
  // be unlocked by signing in, whatever its PIN-wrapped copies.
  await db
    .updateTable('devices')
    .set({ wrapped_data_key: null })
    .where('id', '=', device.id)
    .execute();
  await revokeSessionsWhere(db, 'device_id', device.id, input.now, 'device_revoked');
  return (await findDevice(db, device.id)) ?? device;
}
