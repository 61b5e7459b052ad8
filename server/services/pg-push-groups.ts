/**
 * Pushes on PostgreSQL, written in groups: the pushes that are ready together in one server
 * process share one transaction, so one change-log lock, one check, one insert statement
 * and one commit (one fsync) serve all of them.
 *
 * Why: every writer of the change log holds one lock across the database
 * (change-log.ts), so pushes commit one after another, and each held it for six round
 * trips and a commit — and, under load, for every turn of a busy event loop between them.
 * A push at a time, that capped the database at a few dozen pushes a second, whatever the
 * hardware. Now a push reads and merges first, on its own (sync-push.ts), and then waits
 * here; one group at a time per process is written, and pushes made ready meanwhile wait
 * for the next. The group is taken from the queue once the lock is granted, so the pushes
 * that became ready while this process waited for another's commit join it.
 *
 * What must always hold:
 * - A push's promise resolves only after the commit of the transaction holding its writes
 *   returned: nothing is acknowledged before it is durable. A failed commit rejects every
 *   push of the group.
 * - No push writes on a stale merge. Under the lock one statement reads again what every
 *   push of the group read (claimChangeLogForGroup). A push is merged again, in the
 *   group's transaction under the lock, when anything it read has changed since, or when
 *   it read a record or a mutation id that a push before it in the group writes: it then
 *   sees those writes, as if they had committed before it. So the group's outcome is that
 *   of its pushes committed one by one in queue order, and no two pushes in one insert
 *   write the same row.
 * - A push that throws is refused alone: if anything in the group throws before the
 *   commit, the transaction is rolled back whole (nothing of it stays) and each of its
 *   pushes then runs alone, in a transaction of its own as before grouping, so only the
 *   push that throws again is refused.
 * - Every number a group writes is drawn under the lock, and the lock is released only
 *   once the commit is visible: the never-skip rule of change-log.ts is unchanged, since
 *   a group is one writer.
 */
import type { DialectAdapter, Kysely } from 'kysely';
import { MUTATIONS_PER_GROUP } from '../db/push-group-commit.ts';
import {
  writePushOnPostgres,
  type PushWrites,
  type UnnumberedPushWrites,
} from '../db/pg-push-writes.ts';
import type { SyncDatabase, SyncMutationsTable, SyncRecordsTable } from '../db/sync-schema.ts';
import type { ReportFactsTable } from '../db/report-facts.ts';
import {
  allocateSeqs,
  claimChangeLogForGroup,
  lockChangeLog,
  type PushReads,
} from './change-log.ts';

/** A push read and merged before the lock, waiting for its group. */
export interface PreparedPgPush<Result> {
  readonly mutationCount: number;
  /** What its merge was made on, checked under the lock. */
  readonly reads: PushReads;
  /** Its rows if its reads are still current. */
  readonly writes: UnnumberedPushWrites;
  /** Its answer if its reads are still current. */
  readonly result: Result;
  /** Reads and merges again in the group's transaction, under the lock. */
  prepareAgain(trx: Kysely<SyncDatabase>): Promise<{
    writes: UnnumberedPushWrites;
    result: Result;
  }>;
  /** In the group's transaction after every push's writes (the audit row): both or neither. */
  beforeCommit(trx: Kysely<SyncDatabase>, result: Result): Promise<void>;
  /** The push in a transaction of its own, when its group could not be written. */
  runAlone(): Promise<Result>;
}

export interface PgPushGroups {
  /** Queues `push` for the next group; resolves with its result once committed. */
  run<Result>(push: PreparedPgPush<Result>): Promise<Result>;
  /** Groups and pushes committed so far, and groups that fell back to pushes alone. */
  countCommitted(): { groups: number; pushes: number; fallbacks: number };
  /** Pushes queued for a group not yet taken. */
  countWaiting(): number;
}

interface QueuedPush {
  readonly push: PreparedPgPush<unknown>;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** One queue per database: every handle made from one Kysely shares its adapter. */
const groupsByDatabase = new WeakMap<DialectAdapter, PgPushGroups>();

export function pgPushGroupsOf(db: Kysely<SyncDatabase>): PgPushGroups {
  const adapter = db.getExecutor().adapter;
  let groups = groupsByDatabase.get(adapter);
  if (groups === undefined) {
    groups = createPgPushGroups(db);
    groupsByDatabase.set(adapter, groups);
  }
  return groups;
}

export function createPgPushGroups(db: Kysely<SyncDatabase>): PgPushGroups {
  let queue: QueuedPush[] = [];
  let isWriting = false;
  const committed = { groups: 0, pushes: 0, fallbacks: 0 };

  const takeGroup = (): QueuedPush[] => {
    let count = 0;
    let taken = 0;
    while (taken < queue.length) {
      count += queue[taken]!.push.mutationCount;
      if (taken > 0 && count > MUTATIONS_PER_GROUP) break;
      taken++;
    }
    const group = queue.slice(0, taken);
    queue = queue.slice(taken);
    return group;
  };

  const commitGroup = async (): Promise<void> => {
    let group: QueuedPush[] = [];
    let isWritten = false;
    let results: unknown[];
    try {
      results = await db.transaction().execute(async (trx) => {
        await lockChangeLog(trx);
        // Taken now, not before the lock: what became ready while it waited joins.
        group = takeGroup();
        const written = await writeGroup(
          trx,
          group.map(({ push }) => push),
        );
        isWritten = true;
        return written;
      });
    } catch (error) {
      // Failed before the lock (no connection, say): the pushes queued now get the error,
      // rather than a next try at once for ever.
      if (group.length === 0) group = takeGroup();
      if (isWritten || group.length <= 1) {
        for (const waiting of group) waiting.reject(error);
        return;
      }
      // Rolled back whole: each push again, alone, so only one that throws is refused.
      committed.fallbacks++;
      for (const waiting of group) {
        await waiting.push.runAlone().then(waiting.resolve, waiting.reject);
      }
      return;
    }
    committed.groups++;
    committed.pushes += group.length;
    group.forEach((waiting, i) => waiting.resolve(results[i]));
  };

  const writeNext = () => {
    if (isWriting || queue.length === 0) return;
    isWriting = true;
    void commitGroup().finally(() => {
      isWriting = false;
      writeNext();
    });
  };

  return {
    run<Result>(push: PreparedPgPush<Result>): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        queue.push({
          push,
          resolve: resolve as (result: unknown) => void,
          reject,
        });
        writeNext();
      });
    },
    countCommitted: () => ({ ...committed }),
    countWaiting: () => queue.length,
  };
}

/** Writes a group under the lock (see the header); returns each push's result. */
async function writeGroup(
  trx: Kysely<SyncDatabase>,
  group: readonly PreparedPgPush<unknown>[],
): Promise<unknown[]> {
  const claimed = group.reduce((sum, push) => sum + push.writes.records.length, 0);
  const claim = await claimChangeLogForGroup(
    trx,
    group.map((push) => push.reads),
    claimed,
  );
  let nextSeq = 0;
  let pending = emptyWrites();
  const writtenRecords = new Set<string>();
  const writtenReceipts = new Set<string>();
  const flush = async () => {
    if (pending.records.length + pending.facts.length + pending.receipts.length > 0) {
      await writePushOnPostgres(trx, pending);
    }
    pending = emptyWrites();
  };
  const results: unknown[] = [];
  for (const [i, push] of group.entries()) {
    // Its share of the numbers drawn for the group, used or left as a gap.
    const share = claim.seqs.slice(nextSeq, nextSeq + push.writes.records.length);
    nextSeq += push.writes.records.length;
    const readsGroupWrite =
      push.reads.recordIds.some((id) => writtenRecords.has(id)) ||
      push.reads.mutationIds.some((id) => writtenReceipts.has(id));
    let { writes, result } = push;
    let seqs = share;
    if (!claim.isCurrent[i] || readsGroupWrite) {
      // It must see the writes of the pushes before it: they go first.
      await flush();
      ({ writes, result } = await push.prepareAgain(trx));
      seqs = await allocateSeqs(trx, writes.records.length);
    }
    writes.records.forEach((record, k) => {
      pending.records.push({ ...record, seq: seqs[k]! });
      writtenRecords.add(record.id);
    });
    pending.facts.push(...writes.facts);
    for (const receipt of writes.receipts) {
      pending.receipts.push(receipt);
      writtenReceipts.add(receipt.id);
    }
    results.push(result);
  }
  await flush();
  for (const [i, push] of group.entries()) await push.beforeCommit(trx, results[i]);
  return results;
}

interface MutableWrites extends PushWrites {
  readonly records: SyncRecordsTable[];
  readonly facts: ReportFactsTable[];
  readonly receipts: SyncMutationsTable[];
}

function emptyWrites(): MutableWrites {
  return { records: [], facts: [], receipts: [] };
}
