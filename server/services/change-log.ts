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
 *   server/routes/sync-never-skip.pg.test.ts tries to make a puller skip.
 * - A push reads and merges BEFORE taking the lock (sync-push.ts), so the lock is held only
 *   for the writes and the commit. Its reads may then be stale: another process may have
 *   committed a change to one of its records, or applied one of its mutations, meanwhile.
 *   So the first statement under the lock (`claimChangeLog`) reads again the number of
 *   every record the push read and which of its mutations are applied; if anything differs
 *   from what the push merged on, the push reads and merges again under the lock. Every
 *   write of a record gives it a new number, so an unchanged number is an unchanged
 *   record: no push merges on a stale record, and none loses another's update.
 * - A writer may be a group of pushes (pg-push-groups.ts): the pushes ready together in
 *   one server process share one transaction, so one lock, one check statement for all of
 *   them (claimChangeLogForGroup) and one commit. The group is one writer to the rule
 *   above: every number it writes is drawn under the lock and becomes visible at its one
 *   commit. Inside the group a push may also have read what an earlier push of the group
 *   writes, which the check cannot see (it reads committed rows); such a push is merged
 *   again in the group's transaction, under the lock, after the earlier pushes' writes, as
 *   a stale one is. So no push merges on a stale record within a group either.
 * - SQLite: one writer at a time by construction (one connection, one server process),
 *   so a writer continues from max(seq) read inside its own transaction.
 *
 * Cost: writers to one PostgreSQL database commit one at a time. The lock is held for the
 * lock's round trip, the check and the numbers (one statement), the writes (one statement
 * for the whole group unless a push had to merge again), each push's audit row and the
 * commit — once per group, not per push; docs/performance.md has what that costs under
 * load.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { SyncDatabase } from '../db/sync-schema.ts';

/** Any fixed number, used for no other lock (Kysely's migrator uses 3853314791062309107). */
const CHANGE_LOG_LOCK_KEY = 5_310_520_050_001;

export function isPostgres(db: Kysely<SyncDatabase>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Call before any write to sync_records in a transaction; held until it ends. */
export async function lockChangeLog(trx: Kysely<SyncDatabase>): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(${sql.lit(CHANGE_LOG_LOCK_KEY)})`.execute(trx);
}

/** What a push read before the lock, to be checked under it. */
export interface PushReads {
  /** Every record id the push asked for; the number of each one found (absent: not found). */
  readonly recordIds: readonly string[];
  readonly recordSeqs: ReadonlyMap<string, number>;
  /** Every mutation id of the push, and those found already applied. */
  readonly mutationIds: readonly string[];
  readonly appliedIds: ReadonlySet<string>;
}

export interface ChangeLogClaim {
  /** False when a record or receipt the push read has changed since: read and merge again. */
  readonly isCurrent: boolean;
  /** `count` new numbers, ascending (see allocateSeqs). */
  readonly seqs: number[];
}

/**
 * Takes the change log's lock, then in one statement checks `reads` and allocates `count`
 * numbers. If the check fails the numbers are still the caller's (allocate more with
 * allocateSeqs if the new merge needs them); unused numbers only leave a gap, which a
 * cursor never minds.
 */
export async function claimChangeLog(
  trx: Kysely<SyncDatabase>,
  reads: PushReads,
  count: number,
): Promise<ChangeLogClaim> {
  // SQLite: the push's transaction holds the one connection from its first read, so
  // nothing else wrote meanwhile.
  if (!isPostgres(trx)) return { isCurrent: true, seqs: await allocateSeqs(trx, count) };
  await lockChangeLog(trx);
  const { isCurrent, seqs } = await claimChangeLogForGroup(trx, [reads], count);
  return { isCurrent: isCurrent[0]!, seqs };
}

export interface GroupClaim {
  /** Per push, in the order given: false when something it read has changed since. */
  readonly isCurrent: boolean[];
  /** `count` new numbers, ascending. */
  readonly seqs: number[];
}

/**
 * PostgreSQL only, with the lock held (lockChangeLog): claimChangeLog's check for every
 * push of a group and all their numbers, in one statement.
 */
export async function claimChangeLogForGroup(
  trx: Kysely<SyncDatabase>,
  reads: readonly PushReads[],
  count: number,
): Promise<GroupClaim> {
  const recordIds = [...new Set(reads.flatMap((push) => push.recordIds))];
  const mutationIds = [...new Set(reads.flatMap((push) => push.mutationIds))];
  // A new statement, so a new snapshot (READ COMMITTED): it sees every commit made before
  // the lock was granted.
  const { rows } = await sql<{ kind: 'seq' | 'record' | 'receipt'; id: string; seq: number }>`
    select 'seq' as kind, '' as id, nextval('sync_change_seq') as seq
      from generate_series(1, ${count}::int)
    union all
    select 'record', id, seq from sync_records where id = any(${recordIds}::text[])
    union all
    select 'receipt', id, 0 from sync_mutations where id = any(${mutationIds}::text[])
  `.execute(trx);
  const seqs: number[] = [];
  const storedSeqs = new Map<string, number>();
  const applied = new Set<string>();
  for (const row of rows) {
    const seq = Number(row.seq);
    if (row.kind === 'seq') seqs.push(seq);
    else if (row.kind === 'record') storedSeqs.set(row.id, seq);
    else applied.add(row.id);
  }
  // A push is current when every record it asked for has the number it read (or is still
  // absent) and every one of its mutations is applied exactly when it read so.
  const isCurrent = reads.map(
    (push) =>
      push.recordIds.every((id) => storedSeqs.get(id) === push.recordSeqs.get(id)) &&
      push.mutationIds.every((id) => applied.has(id) === push.appliedIds.has(id)),
  );
  return { isCurrent, seqs: seqs.sort((a, b) => a - b) };
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
