/**
 * Case sync: the records tablets push and pull, the applied mutation ids, and the
 * change-log sequence.
 *
 * Frozen once merged, like every migration (see 0001): it lists its own record types.
 * What must hold afterwards:
 * - `sync_records.seq` is unique: two changes never share a number, whatever a bug does.
 * - (centre_id, seq) is indexed: a pull reads one centre's changes in seq order.
 * - PostgreSQL numbers changes from the sequence `sync_change_seq`, only ever while holding
 *   the change-log advisory lock (server/services/change-log.ts). SQLite, with one
 *   writer, continues from max(seq) and needs no sequence object.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const RECORD_TYPES = ['case', 'service', 'stay', 'referral', 'followUp', 'note', 'conflict'];

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_records')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('record_type', 'text', (col) =>
      col.notNull().check(sql`record_type in (${sql.join(RECORD_TYPES.map((t) => sql.lit(t)))})`),
    )
    .addColumn('case_id', 'text', (col) => col.notNull())
    .addColumn('centre_id', 'text', (col) => col.notNull().references('centres.id'))
    .addColumn('fields', 'text', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('sync_records_seq_unique')
    .on('sync_records')
    .column('seq')
    .unique()
    .execute();
  await db.schema
    .createIndex('sync_records_centre_seq')
    .on('sync_records')
    .columns(['centre_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('sync_records_case_id')
    .on('sync_records')
    .column('case_id')
    .execute();

  await db.schema
    .createTable('sync_mutations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // No foreign keys: the row only answers "was this id applied?"; who sent it is kept
    // as it was at the time, even if the device is later revoked or the user disabled.
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .execute();

  if (isPostgres(db)) await sql`create sequence sync_change_seq`.execute(db);
}
