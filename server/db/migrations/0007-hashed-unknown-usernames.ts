/**
 * Usernames no account has, kept only as a keyed hash: the audit log's sign-in rows
 * and the sign-in throttle's account counts held whatever was typed (often a password
 * typed in the wrong box).
 *
 * Frozen once merged, like every migration (see 0001); the hash is spelled out here for
 * that reason and must equal server/services/username-hash.ts. What must hold afterwards:
 * - No `auth.sign_in` audit row holds a `username` that no account has: such a row holds
 *   `usernameHash` (`hmac-sha256:` and 64 hex digits, keyed by the secrets file's
 *   `usernameKey`) instead, and nothing else in it changed.
 * - Every `account:` key of `sign_in_throttles` is `account:` and such a hash, its count
 *   kept, so no one gains fresh guesses by the upgrade.
 * - The audit log stays append-only: its triggers are set aside only for this rewrite
 *   and put back as 0002 made them. Run again (after a failure halfway, on SQLite where
 *   migrations have no transaction) it rewrites only what is still in clear.
 * It needs the key, so the server passes its secrets in (../migrate.ts); without them it
 * refuses to run on a database that holds anything to rewrite.
 */
import { createHmac } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

interface Tables {
  audit_log: { id: number; action: string; user_id: string | null; details: string };
  users: { username: string };
  sign_in_throttles: { key: string; window_started_at: string; failures: number };
}

const PAGE = 500;
const HASHED = 'hmac-sha256:';

export function hashedUnknownUsernames(usernameKey: Buffer | null): Migration {
  return { up: (db) => up(db as Kysely<Tables>, usernameKey) };
}

async function up(db: Kysely<Tables>, usernameKey: Buffer | null): Promise<void> {
  const hash = (username: string) => {
    if (usernameKey === null) {
      throw new Error(
        'migration 0007 must hash stored usernames and needs the server secrets file',
      );
    }
    return HASHED + createHmac('sha256', usernameKey).update(username, 'utf8').digest('hex');
  };
  const accounts = new Set(
    (await db.selectFrom('users').select('username').execute()).map((row) => row.username),
  );
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await allowAuditRewrite(db, isPostgres);
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'details'])
      .where('action', '=', 'auth.sign_in')
      .where('user_id', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const { username, ...rest } = JSON.parse(row.details) as Record<string, unknown>;
      if (typeof username !== 'string' || accounts.has(username)) continue;
      await db
        .updateTable('audit_log')
        .set({ details: JSON.stringify({ usernameHash: hash(username), ...rest }) })
        .where('id', '=', row.id)
        .execute();
    }
    const last = rows.at(-1);
    if (!last) break;
    after = Number(last.id);
  }
  await refuseAuditChanges(db, isPostgres);

  const counts = await db
    .selectFrom('sign_in_throttles')
    .selectAll()
    .where('key', 'like', 'account:%')
    .where('key', 'not like', `account:${HASHED}%`)
    .execute();
  for (const count of counts) {
    await db
      .insertInto('sign_in_throttles')
      .values({ ...count, key: `account:${hash(count.key.slice('account:'.length))}` })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
    await db.deleteFrom('sign_in_throttles').where('key', '=', count.key).execute();
  }
}

async function allowAuditRewrite(db: Kysely<Tables>, isPostgres: boolean): Promise<void> {
  if (isPostgres) {
    // Inside this migration's transaction: no other session sees the log unguarded.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    return;
  }
  await sql`drop trigger if exists audit_log_no_update`.execute(db);
}

/** Puts back exactly what 0002 made. */
async function refuseAuditChanges(db: Kysely<Tables>, isPostgres: boolean): Promise<void> {
  if (isPostgres) {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
    return;
  }
  await sql`
    create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end
  `.execute(db);
}
