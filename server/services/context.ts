/**
 * What every service needs from outside: the database, the clock, the password cost and
 * the server's secrets.
 * The clock is a dependency so tests can move time (session expiry, rate-limit windows)
 * without sleeping; nothing in server/services reads Date.now() itself.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewDeviceLimits } from './new-device-quota.ts';
import type { ScryptParams } from './passwords.ts';
import type { ServerSecrets } from './server-secrets.ts';

export interface ServiceContext {
  db: Kysely<Database>;
  now: () => Date;
  /** DEFAULT_SCRYPT_PARAMS in production; only tests pass a cheaper cost. */
  passwordParams: Readonly<ScryptParams>;
  /** Read from the secrets file at start; tests make fresh ones in memory. */
  secrets: ServerSecrets;
  /** New tablets allowed a day; unset means DEFAULT_NEW_DEVICE_LIMITS (./new-device-quota.ts). */
  newDeviceLimits?: Readonly<NewDeviceLimits>;
}
