/**
 * Device sessions: an opaque bearer token per signed-in tablet.
 *
 * What must hold:
 * - The token is 32 random bytes (base64url); only its SHA-256 is stored, so a leaked
 *   database or backup lets nobody in. SHA-256 without salt is enough for 256 random
 *   bits: there is nothing to guess.
 * - A session ends at the first of: sign-out or revocation; its user disabled; its
 *   device revoked; SESSION_IDLE_MS without any request; SESSION_MAX_MS after sign-in.
 *   Idle 30 days because centres lose connectivity for days at a time and the tablet's
 *   PIN, not the session, guards offline use; an absolute 90 days so a stolen token
 *   cannot live forever and staff re-enter their password once a quarter.
 * - Every check reads the database, so any number of server processes agree at once
 *   on a revocation.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { pushGroupsOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './permissions.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * DAY_MS;
export const SESSION_MAX_MS = 90 * DAY_MS;
// last_used_at and the device's last_seen_at are refreshed at most this often, so a
// burst of requests costs one write, not one each.
const LAST_USED_RESOLUTION_MS = 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export interface NewSession {
  id: string;
  token: string;
  createdAt: string;
  /** When it ends if the tablet stays silent; moves forward with every request. */
  expiresAt: string;
  /** When it ends whatever happens. */
  absoluteExpiresAt: string;
}

export async function createSession(
  db: Kysely<Database>,
  input: { userId: string; deviceId: string; now: Date },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = input.now.toISOString();
  const absoluteExpiresAt = new Date(input.now.getTime() + SESSION_MAX_MS).toISOString();
  const id = randomUUID();
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashToken(token),
      user_id: input.userId,
      device_id: input.deviceId,
      created_at: createdAt,
      expires_at: absoluteExpiresAt,
      last_used_at: createdAt,
      revoked_at: null,
      revoke_reason: null,
    })
    .execute();
  return {
    id,
    token,
    createdAt,
    expiresAt: idleExpiry(createdAt, absoluteExpiresAt),
    absoluteExpiresAt,
  };
}

function idleExpiry(lastUsedAt: string, absoluteExpiresAt: string): string {
  const idle = new Date(Date.parse(lastUsedAt) + SESSION_IDLE_MS).toISOString();
  return idle < absoluteExpiresAt ? idle : absoluteExpiresAt;
}

export type RevokeReason =
  'sign_out' | 'replaced' | 'device_revoked' | 'password_reset' | 'user_disabled';

export async function revokeSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
  reason: RevokeReason,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoke_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSessionsWhere(
  db: Kysely<Database>,
  column: 'device_id' | 'user_id',
  value: string,
  now: Date,
  reason: RevokeReason,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoke_reason: reason })
    .where(column, '=', value)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends the sessions on one tablet: one person's (`userId`), or everyone's (null). */
export async function revokeDeviceSessions(
  db: Kysely<Database>,
  input: { deviceId: string; userId: string | null; now: Date; reason: RevokeReason },
): Promise<void> {
  let update = db
    .updateTable('sessions')
    .set({ revoked_at: input.now.toISOString(), revoke_reason: input.reason })
    .where('device_id', '=', input.deviceId)
    .where('revoked_at', 'is', null);
  if (input.userId !== null) update = update.where('user_id', '=', input.userId);
  await update.execute();
}

export type AuthenticationResult =
  | { ok: true; actor: Actor; expiresAt: string; absoluteExpiresAt: string }
  | { ok: false; code: 'session_expired' | 'device_revoked' | 'account_disabled' };

export async function authenticate(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<AuthenticationResult> {
  if (!isWellFormedToken(token)) return { ok: false, code: 'session_expired' };
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('devices', 'devices.id', 'sessions.device_id')
    .select([
      'sessions.id as sessionId',
      'sessions.device_id as deviceId',
      'sessions.expires_at as absoluteExpiresAt',
      'sessions.last_used_at as lastUsedAt',
      'sessions.revoked_at as sessionRevokedAt',
      'devices.revoked_at as deviceRevokedAt',
      'users.id as userId',
      'users.username',
      'users.role',
      'users.centre_id as centreId',
      'users.display_name as displayName',
      'users.disabled_at as disabledAt',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { ok: false, code: 'session_expired' };
  // The revoked tablet must learn it, even if its session also ended: it wipes on this.
  if (row.deviceRevokedAt !== null) return { ok: false, code: 'device_revoked' };
  if (row.disabledAt !== null) return { ok: false, code: 'account_disabled' };
  const nowIso = now.toISOString();
  const expiresAt = idleExpiry(row.lastUsedAt, row.absoluteExpiresAt);
  if (row.sessionRevokedAt !== null || nowIso >= expiresAt) {
    return { ok: false, code: 'session_expired' };
  }
  let lastUsedAt = row.lastUsedAt;
  if (now.getTime() - Date.parse(row.lastUsedAt) >= LAST_USED_RESOLUTION_MS) {
    lastUsedAt = nowIso;
    await markUsed(db, row.sessionId, row.deviceId, nowIso);
  }
  return {
    ok: true,
    actor: {
      userId: row.userId,
      username: row.username,
      role: row.role,
      centreId: row.centreId,
      displayName: row.displayName,
      sessionId: row.sessionId,
      deviceId: row.deviceId,
    },
    expiresAt: idleExpiry(lastUsedAt, row.absoluteExpiresAt),
    absoluteExpiresAt: row.absoluteExpiresAt,
  };
}

async function markUsed(db: Kysely<Database>, sessionId: string, deviceId: string, at: string) {
  // On SQLite both writes go through the queue pushes commit through: one commit (one
  // fsync) with whatever is written beside them, where each alone was an fsync of its own
  // on the connection every request waits for.
  const groups = pushGroupsOf(db);
  if (groups) await groups.run(0, (trx) => writeLastUsed(trx, sessionId, deviceId, at));
  else await writeLastUsed(db, sessionId, deviceId, at);
}

async function writeLastUsed(
  db: Kysely<Database>,
  sessionId: string,
  deviceId: string,
  at: string,
) {
  // Two processes may both write here; the later instant wins either way, harmlessly.
  await db
    .updateTable('sessions')
    .set({ last_used_at: at })
    .where('id', '=', sessionId)
    .where('last_used_at', '<', at)
    .execute();
  await db
    .updateTable('devices')
    .set({ last_seen_at: at })
    .where('id', '=', deviceId)
    .where('last_seen_at', '<', at)
    .execute();
}
