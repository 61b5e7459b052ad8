/**
 * The accounts wire contract between tablet and server: sign-in, the session, sign-out,
 * and the management lists (centres, staff, tablets, audit, summary). Every message is
 * a schema; types are inferred, so both sides read the same shapes. docs/api.md says
 * what each route does and who may call it.
 *
 * What the tablet must do with the session errors (AUTH_ERROR_CODES):
 * - `device_revoked`: the server refuses this tablet from now on (every request, and
 *   sign-in with this device id). Wipe local data, forget the device id, and make a new
 *   one before any later sign-in — after pushing its outbox through the sealed, signed
 *   push, which the server still takes from a revoked tablet (docs/sync-protocol.md).
 * - `session_expired`, `not_signed_in`: keep every local record and outbox entry; ask
 *   for the password (needs the network) and carry on.
 * - `account_disabled`: like session_expired, but the same person cannot sign in again.
 *
 * What the tablet must do with the device-key refusals of sign-in:
 * - `device_key_mismatch`: this device id is registered to another key, so either the
 *   tablet lost its device key (storage cleared) or someone is using another tablet's
 *   id. Make a new device id and key pair (keeping nothing of the old one) and sign in
 *   again; never retry with the same id.
 * - `device_other_centre`: the tablet belongs to another centre (or to headquarters).
 *   Refuse while anything waits in the outbox; otherwise say that the other centre's
 *   data on this tablet will be erased, and only after the person confirms, sign in
 *   again with `switchCentre: true`, then erase it before storing anything new.
 * - `bad_device_signature`: the signature did not verify with the key sent. A bug or a
 *   damaged key: make a new device id and key pair, as for device_key_mismatch.
 */
import { z } from './zod.ts';
import { idleMinutesBounds } from './lock-settings.ts';
import { deviceTagPattern } from './case-number.ts';
import { districtCodeSchema } from './districts.ts';
import { roleSchema } from './staff.ts';

/** The same shape as stamps' device ids (hlc.ts): the tablet makes it on first run. */
export const deviceIdSchema = z.string().check(z.regex(/^[0-9A-Za-z_-]{1,64}$/, 'not a device id'));

/** 32 random bytes, base64url: opaque to the tablet; send it as `Authorization: Bearer …`. */
export const sessionTokenSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'not a session token'));

/** 32 bytes, base64url without padding (43 characters). */
const base64Url32Schema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'not 32 bytes'));

/**
 * The tablet's device key (ECDSA P-256), public half, as WebCrypto exports it as JWK,
 * reduced to exactly these four members. The private half never leaves the tablet.
 */
export const devicePublicKeySchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64Url32Schema,
  y: base64Url32Schema,
});
export type DevicePublicKey = z.infer<typeof devicePublicKeySchema>;

/** ECDSA P-256 with SHA-256 in IEEE P1363 form (64 bytes r||s), base64url (86 characters). */
export const deviceSignatureSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, 'not a device signature'));

/**
 * The exact text the device key signs at sign-in (its UTF-8 bytes). `username` exactly
 * as sent in the request, not trimmed or lower-cased, so both sides sign the same bytes.
 */
export function signInSignedText(deviceId: string, username: string): string {
  return `sakhi-sign-in-v1\n${deviceId}\n${username}`;
}

export const signInRequestSchema = z.strictObject({
  /** As typed; the server compares it in lower case. */
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
  deviceId: deviceIdSchema,
  /** What staff call this tablet, shown to the manager in the device list. */
  deviceName: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** Must equal the key this device id registered with (the first sign-in registers it). */
  devicePublicKey: devicePublicKeySchema,
  /** Over `signInSignedText(deviceId, username)`, by the device key. */
  deviceSignature: deviceSignatureSchema,
  /**
   * Sent only after the person confirmed that the other centre's data on this tablet
   * will be erased (after a `device_other_centre` refusal).
   */
  switchCentre: z.optional(z.literal(true)),
  /**
   * Asks for `centreDetails` in the answer (her centre's address, phone and staff list).
   * A tablet that does not send it gets the answer it always got, which it reads strictly.
   */
  withCentreDetails: z.optional(z.literal(true)),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** How the tablet locks itself (issued by the server, set per centre by its manager). */
export const lockSettingsSchema = z.strictObject({
  /** Minutes without a touch before the app locks; 1–60, default 5 (headquarters: 5). */
  idleMinutes: z
    .number()
    .check(z.int(), z.minimum(idleMinutesBounds.min), z.maximum(idleMinutesBounds.max)),
});
export type LockSettings = z.infer<typeof lockSettingsSchema>;

export const setLockRequestSchema = lockSettingsSchema;
export const setLockResponseSchema = z.strictObject({
  centreId: z.string().check(z.minLength(1)),
  lock: lockSettingsSchema,
});

export const sessionUserSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  username: z.string(),
  role: roleSchema,
  /** Null exactly for headquarters roles. */
  centreId: z.nullable(z.string()),
  displayName: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionCentreSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  districtCode: districtCodeSchema,
  nameHi: z.string(),
  nameEn: z.string(),
});
export type SessionCentre = z.infer<typeof sessionCentreSchema>;

export const sessionDeviceSchema = z.strictObject({
  id: deviceIdSchema,
  /** Unique in the district: the device part of case numbers (`LKO-2026-K7-0042`). */
  tag: z.string().check(z.regex(deviceTagPattern)),
  name: z.nullable(z.string()),
});

/** A colleague as her tablet knows her: enough to name her and to assign her a case. */
export const centreStaffMemberSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  displayName: z.string(),
  role: roleSchema,
});
export type CentreStaffMember = z.infer<typeof centreStaffMemberSchema>;

/**
 * What a centre's tablet keeps of its centre beyond its names: the address and phone its
 * letters print (null where never recorded), and its staff whose accounts are not disabled.
 */
export const centreDetailsSchema = z.strictObject({
  address: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  staff: z.array(centreStaffMemberSchema),
});
export type CentreDetails = z.infer<typeof centreDetailsSchema>;

const sessionFields = {
  user: sessionUserSchema,
  /** The user's centre; null for headquarters roles. */
  centre: z.nullable(sessionCentreSchema),
  device: sessionDeviceSchema,
  /**
   * When the session ends if the tablet makes no request before then (ISO-8601 UTC).
   * It moves forward with use, up to `absoluteExpiresAt`.
   */
  expiresAt: z.iso.datetime(),
  /** When the session ends whatever happens; then the password is needed again. */
  absoluteExpiresAt: z.iso.datetime(),
  /** The server's clock when it answered: the tablet corrects its offset with it. */
  serverTime: z.iso.datetime(),
  lock: lockSettingsSchema,
};

export const signInResponseSchema = z.strictObject({
  token: sessionTokenSchema,
  ...sessionFields,
  /**
   * This tablet's data key (32 bytes, base64url): the tablet wraps it under the PIN of
   * whoever signed in and never stores it bare. Given only to staff of the tablet's
   * centre (headquarters tablets: headquarters staff); a revoked tablet never gets it.
   */
  dataKey: base64Url32Schema,
  /**
   * Headquarters' X25519 public key (32 raw bytes, base64url) that sealed pushes are
   * sealed to. The tablet pins it: a different one is taken only from a fresh sign-in.
   */
  sealingKey: base64Url32Schema,
  /**
   * Only when the request set `withCentreDetails`; null for headquarters roles, which
   * receive no centre's staff.
   */
  centreDetails: z.optional(z.nullable(centreDetailsSchema)),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

export const sessionResponseSchema = z.strictObject(sessionFields);
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const signOutResponseSchema = z.strictObject({
  signedOut: z.literal(true),
  serverTime: z.iso.datetime(),
});
export type SignOutResponse = z.infer<typeof signOutResponseSchema>;

export const AUTH_ERROR_CODES = [
  'not_signed_in',
  'invalid_credentials',
  'session_expired',
  'device_revoked',
  'account_disabled',
  'too_many_attempts',
  'too_many_new_devices',
  'device_key_mismatch',
  'device_other_centre',
  'bad_device_signature',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** True when the answer means this tablet must erase its local data. */
export function shouldWipeDevice(code: string): boolean {
  return code === 'device_revoked';
}

/** True when the answer means the person must type her password again (online). */
export function needsSignIn(code: string): boolean {
  return code === 'not_signed_in' || code === 'session_expired' || code === 'account_disabled';
}

export const centreListResponseSchema = z.strictObject({
  centres: z.array(
    z.extend(sessionCentreSchema, {
      phone: z.nullable(z.string()),
      address: z.nullable(z.string()),
      email: z.nullable(z.string()),
    }),
  ),
});
export type CentreListResponse = z.infer<typeof centreListResponseSchema>;

export const staffAccountSchema = z.extend(sessionUserSchema, {
  createdAt: z.iso.datetime(),
  disabledAt: z.nullable(z.iso.datetime()),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

/** An account as the staff list shows it: with when she last signed in with her password. */
export const listedStaffAccountSchema = z.extend(staffAccountSchema, {
  lastSignInAt: z.nullable(z.iso.datetime()),
});
export type ListedStaffAccount = z.infer<typeof listedStaffAccountSchema>;

export const userListResponseSchema = z.strictObject({
  users: z.array(listedStaffAccountSchema),
});

export const createUserRequestSchema = z.strictObject({
  username: z.string().check(z.regex(/^[a-z0-9._-]{3,32}$/)),
  displayName: z.string().check(z.minLength(1), z.maxLength(200)),
  role: roleSchema,
  /** Null for headquarters roles; a manager may name only her own centre. */
  centreId: z.nullable(z.string()),
  /** At least 10 characters; the manager hands it over in person. */
  password: z.string().check(z.minLength(10), z.maxLength(256)),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const createUserResponseSchema = z.strictObject({ user: staffAccountSchema });

export const deviceListingSchema = z.extend(sessionDeviceSchema, {
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  centreId: z.nullable(z.string()),
  registeredAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  revokedAt: z.nullable(z.iso.datetime()),
});
export type DeviceListing = z.infer<typeof deviceListingSchema>;

export const deviceListResponseSchema = z.strictObject({ devices: z.array(deviceListingSchema) });
export const revokeDeviceResponseSchema = z.strictObject({ device: deviceListingSchema });

export const auditEntrySchema = z.strictObject({
  id: z.number().check(z.int()),
  at: z.iso.datetime(),
  userId: z.nullable(z.string()),
  deviceId: z.nullable(z.string()),
  action: z.string(),
  resourceType: z.nullable(z.string()),
  resourceId: z.nullable(z.string()),
  centreId: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  outcome: z.enum(['success', 'denied', 'failure']),
  details: z.record(z.string(), z.unknown()),
});
export const auditPageResponseSchema = z.strictObject({
  entries: z.array(auditEntrySchema),
  /** Pass as `?before=` for the next, older page; null on the last page. */
  nextBefore: z.nullable(z.number().check(z.int())),
});

export const centreSummarySchema = z.strictObject({
  centreId: z.string(),
  districtCode: districtCodeSchema,
  nameHi: z.string(),
  nameEn: z.string(),
  /** Staff accounts not disabled. */
  activeStaff: z.number().check(z.int(), z.minimum(0)),
  /** Tablets registered and not revoked. */
  activeDevices: z.number().check(z.int(), z.minimum(0)),
  /** Sign-ins in the last 30 days. */
  signInsLast30Days: z.number().check(z.int(), z.minimum(0)),
});
export const summaryResponseSchema = z.strictObject({
  serverTime: z.iso.datetime(),
  centres: z.array(centreSummarySchema),
  /** Case counts wait on the case indicators; until then this is null, not zero. */
  cases: z.null(),
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;
