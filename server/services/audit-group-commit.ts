/**
 * Audit rows that belong to no change's transaction — a pull's `case.read` — committed
 * together. On SQLite every commit is an fsync (`synchronous=FULL`) on the one connection
 * every request shares, so a row per pull in its own commit made every read pay a write's
 * fsync. Rows written while a commit is under way wait for it and then go in the next one,
 * in one statement: one fsync for however many pulls arrived meanwhile, and none waits
 * longer than the commit before it. Alone, a row is committed at once.
 *
 * On SQLite the rows go through the queue pushes commit through (push-group-commit.ts), so
 * they share the pushes' commit as well: better-sqlite3 never yields the event loop while
 * it writes, so without that, pulls rarely came in together and under load each still paid
 * an fsync of its own between the pushes' commits. The rows are taken when the group is
 * written, so every row waiting by then goes in that one statement.
 *
 * What must always hold:
 * - A write resolves only once its row is committed, so a pull answers only after its
 *   read is on record, as before; a failed commit rejects every write in it.
 * - Rows are inserted in the order written.
 */
import type { Kysely } from 'kysely';
import { pushGroupsOf } from '../db/database.ts';
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

  const groups = pushGroupsOf(db);

  const commitWaiting = async () => {
    isCommitting = true;
    while (waiting.length > 0) {
      const taken: { batch?: WaitingRow[] } = {};
      const takeBatch = () => {
        const batch = waiting.slice(0, MAX_ROWS_PER_COMMIT);
        waiting = waiting.slice(batch.length);
        return (taken.batch = batch);
      };
      const insertBatch = async (trx: Kysely<Database>) => {
        const rows = takeBatch().map((waiter) => waiter.row);
        // Built by this writer's own handle, so its plugins see the statement, then run
        // in the group's transaction.
        await trx.executeQuery(db.insertInto('audit_log').values(rows).compile());
      };
      try {
        await (groups ? groups.run(0, insertBatch) : insertBatch(db));
        for (const waiter of taken.batch ?? []) waiter.resolve();
      } catch (error) {
        // A group that failed before reaching these rows (its BEGIN) still answers them.
        for (const waiter of taken.batch ?? takeBatch()) waiter.reject(error);
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
