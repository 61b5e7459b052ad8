/**
 * The change log's identity: one row holding a random id, made here with the database.
 *
 * Frozen once merged, like every migration (see 0001). What must hold afterwards:
 * - `sync_change_log` has exactly one row. Its `log_id` names this database's change
 *   log; pull cursors carry it (server/services/sync-cursor.ts), and a cursor naming
 *   another log is refused, so a tablet never resumes a log it did not read.
 * - Whatever makes this database's numbers differ from a log a tablet read (a restore
 *   from a backup, a move to a new database) gives it a new id: the SQLite backup gives
 *   its copy one, and `npm run admin -- renew-log-id` does it by hand
 *   (docs/operations.md). Each database that runs this migration gets its own id, so
 *   cursors from before it (plain decimals) name no log and are refused.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<{
    sync_change_log: { log_id: string; renewed_at: string };
  }>;
  await db.schema
    .createTable('sync_change_log')
    .addColumn('log_id', 'text', (col) => col.primaryKey())
    .addColumn('renewed_at', 'text', (col) => col.notNull())
    .execute();
  await db
    .insertInto('sync_change_log')
    .values({ log_id: randomUUID(), renewed_at: new Date().toISOString() })
    .execute();
}
