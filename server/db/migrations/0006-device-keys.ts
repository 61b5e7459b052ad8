/**
 * Device keys and data-key custody: the key each tablet proves itself with, the data
 * key the server keeps for it, and each centre's lock setting.
 *
 * Frozen once merged, like every migration (see 0001). What must hold afterwards:
 * - `devices.public_key_jwk` is null only for tablets registered before device keys;
 *   their next sign-in binds the key it sends. Once set, it never changes: a device
 *   that moves centre keeps its key, and a lost key means a new device id.
 * - `devices.wrapped_data_key` holds the tablet's data key sealed under the server's
 *   key-wrapping secret (server/services/data-keys.ts), never the key itself; null
 *   before the tablet's first signed sign-in and after revocation, which destroys it.
 * - `centres.lock_idle_minutes` is 1–60; 5 for every centre that existed before.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('public_key_jwk', 'text').execute();
  await db.schema.alterTable('devices').addColumn('wrapped_data_key', 'text').execute();
  // SQLite cannot add a CHECK with ALTER TABLE; the range is checked where it is written
  // (server/services/centre-lock.ts) and by the wire schema.
  await db.schema
    .alterTable('centres')
    .addColumn('lock_idle_minutes', 'integer', (col) => col.notNull().defaultTo(sql.lit(5)))
    .execute();
}
