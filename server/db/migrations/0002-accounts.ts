/**
 * Sessions, device registration, the audit log and sign-in throttling.
 *
 * Frozen once merged, like every migration (see 0001). What must hold afterwards:
 * - A session row holds only the SHA-256 of its token: a copy of the database lets
 *   nobody sign in.
 * - A device tag is unique within its scope (the district code of the device's centre,
 *   or `HQ` for headquarters tablets): case numbers rest on it. Tags come from a
 *   per-scope counter that only goes up, so a tag is never handed out twice, even after
 *   a tablet moves to another district; the unique index is the backstop.
 * - audit_log is append-only: the code has no UPDATE or DELETE for it, and a trigger on
 *   both engines refuses them (and TRUNCATE on PostgreSQL) in case someone tries by hand.
 *   A database owner can still drop the trigger; that is what backups and database
 *   access control are for (docs/operations.md).
 *
 * Columns added to `devices` are nullable because SQLite can only add a NOT NULL column
 * with a default; every registration writes them, and rows from before are backfilled.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('devices')
    .addColumn('centre_id', 'text', (col) => col.references('centres.id'))
    .execute();
  await db.schema.alterTable('devices').addColumn('tag_scope', 'text').execute();
  await db.schema.alterTable('devices').addColumn('name', 'text').execute();
  await db.schema.alterTable('devices').addColumn('revoked_by', 'text').execute();
  await sql`
    update devices set
      centre_id = (select u.centre_id from users u where u.id = devices.user_id),
      tag_scope = coalesce(
        (select c.district_code from users u join centres c on c.id = u.centre_id
          where u.id = devices.user_id),
        'HQ')
  `.execute(db);
  await db.schema
    .createIndex('devices_tag_unique_in_scope')
    .on('devices')
    .columns(['tag_scope', 'tag'])
    .unique()
    .execute();
  await db.schema.createIndex('devices_centre_id').on('devices').column('centre_id').execute();

  await db.schema
    .createTable('device_tag_counters')
    .addColumn('scope', 'text', (col) => col.primaryKey())
    .addColumn('next_index', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_device_id').on('sessions').column('device_id').execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', isPostgres(db) ? 'bigint' : 'integer', (col) =>
      isPostgres(db)
        ? col.primaryKey().generatedAlwaysAsIdentity()
        : col.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (col) => col.notNull())
    // No foreign keys: the log records what was claimed (an unknown username, a device
    // never registered) as well as what exists.
    .addColumn('user_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('centre_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('outcome', 'text', (col) =>
      col.notNull().check(sql`outcome in ('success', 'denied', 'failure')`),
    )
    .addColumn('details', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_centre_id')
    .on('audit_log')
    .columns(['centre_id', 'id'])
    .execute();
  await refuseAuditChanges(db);

  await db.schema
    .createTable('sign_in_throttles')
    // `account:<username>` or `address:<ip>`.
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('window_started_at', 'text', (col) => col.notNull())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .execute();
}

async function refuseAuditChanges(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op;
      end
      $$
    `.execute(db);
    await sql`
      create trigger audit_log_append_only before update or delete or truncate on audit_log
      for each statement execute function audit_log_refuse_change()
    `.execute(db);
    return;
  }
  for (const operation of ['update', 'delete']) {
    await sql`
      create trigger ${sql.raw(`audit_log_no_${operation}`)} before ${sql.raw(operation)} on audit_log
      begin select raise(abort, 'audit_log is append-only'); end
    `.execute(db);
  }
}
