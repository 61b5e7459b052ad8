/**
 * Rows as the API shows them: camelCase, the shapes of src/domain/auth-protocol.ts.
 * Services answer in these shapes, so no route reads a database row; the JSON Schemas
 * they are serialised with are server/routes/response-schemas.ts.
 */
import type { AuditRow, Centre, Device, User } from '../db/schema.ts';
import type { DeviceListing } from './devices.ts';

export function userView(
  user: Pick<User, 'id' | 'username' | 'role' | 'centre_id' | 'display_name'>,
) {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    centreId: user.centre_id,
    displayName: user.display_name,
  };
}

export function staffAccountView(user: User) {
  return { ...userView(user), createdAt: user.created_at, disabledAt: user.disabled_at };
}

export function centreView(centre: Centre) {
  return {
    id: centre.id,
    districtCode: centre.district_code,
    nameHi: centre.name_hi,
    nameEn: centre.name_en,
  };
}

export function centreDetailView(centre: Centre) {
  return {
    ...centreView(centre),
    phone: centre.phone,
    address: centre.address,
    email: centre.email,
  };
}

export function deviceView(device: Device) {
  return { id: device.id, tag: device.tag, name: device.name };
}

export function deviceListingView(device: DeviceListing) {
  return {
    ...deviceView(device),
    userId: device.user_id,
    username: device.username,
    displayName: device.display_name,
    centreId: device.centre_id,
    registeredAt: device.registered_at,
    lastSeenAt: device.last_seen_at,
    revokedAt: device.revoked_at,
  };
}

export function auditEntryView(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    deviceId: row.device_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    centreId: row.centre_id,
    ip: row.ip,
    outcome: row.outcome,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
