/**
 * Pull cursors: `<log id>.<change-log number>`, e.g.
 * `0b9c6c1e-3f0a-4c55-9a43-5d2b1f6e7a10.4711`. Opaque to the tablet.
 *
 * What must always hold: the server resumes a pull only from a cursor it could have
 * handed out from this very change log. A number read from another log (a database since
 * restored from a backup, or replaced) can stand past or beside records written later,
 * and resuming from it would skip them forever. So a cursor naming another log id, a
 * number past the end of this log, or text that is not a cursor is refused
 * (`invalid_cursor`), and the tablet pulls again from the start (merge makes that safe).
 * Plain decimals, the cursors of before log ids, are refused the same way.
 *
 * The log id lives in `sync_change_log` (migration 0005-change-log-id); `renewLogId`
 * gives it a new one after a restore.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { ServiceError } from './service-error.ts';

const CURSOR_PATTERN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(0|[1-9][0-9]{0,15})$/;

export interface ChangeLogPosition {
  readonly logId: string;
  /** The greatest change-log number given so far; 0 while the log is empty. */
  readonly lastSeq: number;
}

export async function readChangeLogPosition(db: Kysely<SyncDatabase>): Promise<ChangeLogPosition> {
  const row = await db
    .selectFrom('sync_change_log')
    .select((eb) => [
      'log_id',
      eb
        .selectFrom('sync_records')
        .select((inner) => inner.fn.max('seq').as('last'))
        .as('last_seq'),
    ])
    .executeTakeFirstOrThrow();
  return { logId: row.log_id, lastSeq: Number(row.last_seq ?? 0) };
}

export function formatCursor(logId: string, seq: number): string {
  return `${logId}.${seq}`;
}

/** The change-log number to pull after; null (a fresh tablet) is 0. */
export function parseCursor(cursor: string | null, position: ChangeLogPosition): number {
  return checkCursor(readCursor(cursor), position);
}

/** A cursor's log id and number, read from its text alone (null: a fresh tablet). */
export interface CursorText {
  readonly logId: string;
  readonly seq: number;
}

/**
 * The cursor's parts, before the log's position is known: a pull reads its page in the
 * same statement as the position, so the number must be known first. Text that is not a
 * cursor is refused here; checkCursor refuses the rest once the position is read.
 */
export function readCursor(cursor: string | null): CursorText | null {
  if (cursor === null) return null;
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) throw new ServiceError('invalid_cursor');
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq)) throw new ServiceError('invalid_cursor');
  return { logId: match[1]!, seq };
}

/** The number to pull after, if the cursor could have come from this log at `position`. */
export function checkCursor(cursor: CursorText | null, position: ChangeLogPosition): number {
  if (cursor === null) return 0;
  if (cursor.logId !== position.logId || cursor.seq > position.lastSeq)
    throw new ServiceError('invalid_cursor');
  return cursor.seq;
}

/** Call after restoring a backup or moving to a new database: every held cursor is refused. */
export async function renewLogId(db: Kysely<SyncDatabase>, now: Date): Promise<string> {
  const logId = randomUUID();
  await db
    .updateTable('sync_change_log')
    .set({ log_id: logId, renewed_at: now.toISOString() })
    .execute();
  return logId;
}
