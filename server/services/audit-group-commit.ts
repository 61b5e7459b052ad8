/**
 * Audit rows that belong to no change's transaction — a pull's `case.read` — committed
 * together. On SQLite every commit is an fsync (`synchronous=FULL`) on the one connection
 * every request shares, so a row per pull in its own commit made every read pay a write's
 * fsync. Rows written while a commit is under way wait for it and then go in the next one,
 * in one statement: one fsync for however many pulls arrived meanwhile, and none waits
 * longer than the commit before it. Alone, a row is committed at once.
 *
 * What must always hold:
 * - A write resolves only once its row is committed, so a pull answers only after its
 *   read is on record, as before; a failed commit rejects every write in it.
 * - Rows are inserted in the order written.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditRowOf, type AuditEntry } from './audit.ts';

/** Rows per statement; SQLite allows 32,766 parameters and a row has ten. */
const MAX_ROWS_PER_COMMIT = 500;

interface WaitingRow {
  readonly row: ReturnType<typeof auditRowOf>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export type AuditWriter = (at: Date, entry: AuditEntry) => Promise<void>;

export function createAuditGroupCommit(db: Kysely<Database>): AuditWriter {
  let waiting: WaitingRow[] = [];
  let isCommitting = false;

  const commitWaiting = async () => {
    isCommitting = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_ROWS_PER_COMMIT);
      waiting = waiting.slice(batch.length);
      try {
        await db
          .insertInto('audit_log')
          .values(batch.map((waiter) => waiter.row))
          .execute();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    isCommitting = false;
  };

  return (at, entry) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ row: auditRowOf(at, entry), resolve, reject });
      if (!isCommitting) void commitWaiting();
    });
}
