/**
 * After a restore: the change log gets a new id, so tablets holding cursors from the
 * database as it was before pull again from the start instead of skipping records
 * (server/services/sync-cursor.ts says why).
 *
 * What must hold: a database a backup is restored from never answers with the log id a
 * tablet read after that backup was taken. The SQLite backup gives its copy a new id as
 * it makes it; for any other restore (pg_restore, a file copied by hand, a move to a new
 * server) the operator runs `renew-log-id` before starting the servers
 * (docs/operations.md).
 */
import SqliteDatabase from 'better-sqlite3';
import type { SyncTables } from '../db/sync-schema.ts';
import { recordAudit } from '../services/audit.ts';
import { renewLogId } from '../services/sync-cursor.ts';
import { safeOsUser, type CommandContext } from './commands.ts';

export async function renewLogIdCommand({ ctx, io }: CommandContext) {
  const logId = await ctx.db.transaction().execute(async (trx) => {
    const renewed = await renewLogId(trx.withTables<SyncTables>(), ctx.now());
    await recordAudit(trx, ctx.now(), {
      action: 'sync.renew_log_id',
      outcome: 'success',
      resourceType: 'change_log',
      resourceId: renewed,
      details: { via: 'admin-cli', osUser: safeOsUser() },
    });
    return renewed;
  });
  io.out(`the change log is now ${logId}; every tablet pulls again from the start`);
}

/**
 * Gives a fresh SQLite backup file its own log id. A copy made before the change-log id
 * existed has no table for it; the migration then makes a new id when it is restored.
 */
export function renewCopiedLogId(file: string, now: Date): void {
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const hasLog = copy
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'sync_change_log'")
      .get();
    if (hasLog === undefined) return;
    copy
      .prepare('update sync_change_log set log_id = ?, renewed_at = ?')
      .run(crypto.randomUUID(), now.toISOString());
  } finally {
    copy.close();
  }
}
