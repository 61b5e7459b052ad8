/**
 * The server's tables, as Kysely sees them. The migrations in ./migrations make them; a
 * change here without a new migration is a bug.
 *
 * What holds in both SQLite and PostgreSQL:
 * - Instants are TEXT in ISO-8601 UTC with milliseconds, exactly as `Date#toISOString()`
 *   writes them (`2026-03-08T09:30:00.000Z`). Fixed width, so text order is time order;
 *   no driver converts them (pg would turn `timestamptz` into a local `Date`, and
 *   SQLite has no date type). The application writes them; no column defaults to the
 *   database clock, whose format differs per engine.
 * - No boolean columns. A state that has a moment (disabled, revoked) is a nullable
 *   instant, which also says when. A true flag, if ever needed, is INTEGER 0/1, since
 *   SQLite has no boolean and better-sqlite3 returns numbers.
 * - Ids are TEXT: UUIDs made by whoever creates the row (tablet or server).
 * - Columns mirror the domain records in src/domain (centre.ts, staff.ts), in snake_case;
 *   the domain schemas are what a row must pass before it is written or sent.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

import type { Role } from '../../src/domain/vocabularies-staff.ts';
import type { SyncTables } from './sync-schema.ts';

/** ISO-8601 UTC instant with milliseconds, as written by `Date#toISOString()`. */
export type Instant = string;

export interface CentresTable {
  id: string;
  /** Short district code, upper case (`LKO`); one centre per district. */
  district_code: string;
  name_hi: string;
  name_en: string;
  phone: string | null;
  address: string | null;
  email: string | null;
  created_at: Instant;
  /** Minutes without use before this centre's tablets lock; 1–60, set by its manager. */
  lock_idle_minutes: Generated<number>;
}

export interface UsersTable {
  id: string;
  /** Null exactly for headquarters roles (a check constraint holds it). */
  centre_id: string | null;
  role: Role;
  display_name: string;
  /** Lower case, unique; what she types at sign-in. */
  username: string;
  /** Self-describing `scrypt$N$r$p$salt$hash`; see server/services/passwords.ts. */
  password_hash: string;
  created_at: Instant;
  disabled_at: Instant | null;
}

export interface DevicesTable {
  /** Generated on the tablet at first run. */
  id: string;
  user_id: string;
  /** Short tag used in case numbers (`LKO-2026-K7-0042`). */
  tag: string;
  registered_at: Instant;
  /** Server time of the device's latest request; equals registered_at at first. */
  last_seen_at: Instant;
  revoked_at: Instant | null;
  /** The centre the device works for (its user's, at registration); null for headquarters. */
  centre_id: string | null;
  /** Where `tag` is unique: the centre's district code, or `HQ`. Set at registration. */
  tag_scope: string | null;
  /** What staff call the tablet ("counsellor's tablet"), as sent at sign-in. */
  name: string | null;
  /** User id of whoever revoked it; null when revoked from the admin CLI. */
  revoked_by: string | null;
  /**
   * The device key's public half as JSON (`{kty,crv,x,y}`, in that order); null only for
   * tablets registered before device keys, until their next sign-in binds one.
   */
  public_key_jwk: string | null;
  /** The data key sealed under the server's key-wrapping secret; null once revoked. */
  wrapped_data_key: string | null;
}

/** Hands out device tags: the next index for `deviceTagForIndex`, per scope. */
export interface DeviceTagCountersTable {
  scope: string;
  next_index: number;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  device_id: string;
  created_at: Instant;
  /** Absolute end, whatever the use; see server/services/sessions.ts for the idle limit. */
  expires_at: Instant;
  /** Refreshed at most once a minute per session, so reads do not all become writes. */
  last_used_at: Instant;
  revoked_at: Instant | null;
  revoke_reason: string | null;
}

export type AuditOutcome = 'success' | 'denied' | 'failure';

/** Append-only: inserted, never updated or deleted (triggers refuse both). */
export interface AuditLogTable {
  /** Increasing with insertion; pagination walks it backwards. */
  id: Generated<number>;
  at: Instant;
  user_id: string | null;
  device_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  /** The centre whose data or staff the event concerns; null for headquarters matters. */
  centre_id: string | null;
  ip: string | null;
  outcome: AuditOutcome;
  /** JSON object; never survivor data, never a password or token. */
  details: string;
}

export interface SignInThrottlesTable {
  key: string;
  window_started_at: Instant;
  failures: number;
}

/** Every table, the sync tables (sync-schema.ts) included: one handle type for all services. */
export interface Database extends SyncTables {
  centres: CentresTable;
  users: UsersTable;
  devices: DevicesTable;
  device_tag_counters: DeviceTagCountersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  sign_in_throttles: SignInThrottlesTable;
}

export type Centre = Selectable<CentresTable>;
export type NewCentre = Insertable<CentresTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Device = Selectable<DevicesTable>;
export type NewDevice = Insertable<DevicesTable>;
export type Session = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
