/**
 * The change log's numbers: every change a push commits gets a sequence number, and a
 * tablet pulls "everything after the last number I saw".
 *
 * What must always hold: once a puller can see number N, every number below N that will
 * ever exist is already visible. Otherwise a puller reads 11 before 10 commits, moves its
 * cursor past 10 and never sees that change.
 *
 * How:
 * - PostgreSQL: numbers come from the sequence `sync_change_seq`, whose values are handed
 *   out at once but become visible only when their transaction commits — in any order.
 *   So every writer of the change log first takes one transaction-level advisory lock
 *   (`lockChangeLog`, the first statement of a push). Writers then run one at a time
 *   across every server process on the database; the lock is released only after the
 *   commit is visible (PostgreSQL ends the transaction, then releases its locks), so the
 *   next writer's numbers are all greater than, and commit after, the previous writer's.
 *   The same lock makes each push's read-merge-write of records safe from lost updates.
 *   server/routes/sync-never-skip.pg.test.ts tries to make a puller skip.
 * - SQLite: one writer at a time by construction (one connection, one server process),
 *   so a writer continues from max(seq) read inside its own transaction.
 *
 * Cost: pushes to one PostgreSQL database are serialised. A push of 500 mutations holds
 * the lock for tens of milliseconds; that is ample for one state's centres.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { SyncDatabase } from '../db/sync-schema.ts';

/** Any fixed number, used for no other lock (Kysely's migrator uses 3853314791062309107). */
const CHANGE_LOG_LOCK_KEY = 5_310_520_050_001;

function isPostgres(db: Kysely<SyncDatabase>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Call first in every transaction that writes sync_records; held until it ends. */
export async function lockChangeLog(trx: Kysely<SyncDatabase>): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(${sql.lit(CHANGE_LOG_LOCK_KEY)})`.execute(trx);
}

/** `count` new numbers, ascending, all greater than any number given before. */
export async function allocateSeqs(trx: Kysely<SyncDatabase>, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (isPostgres(trx)) {
    const { rows } = await sql<{ seq: number }>`
      select nextval('sync_change_seq') as seq from generate_series(1, ${count})
    `.execute(trx);
    return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
  }
  const { last } = await trx
    .selectFrom('sync_records')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
    .executeTakeFirstOrThrow();
  return Array.from({ length: count }, (_, i) => Number(last) + i + 1);
}
