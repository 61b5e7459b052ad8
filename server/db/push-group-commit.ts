/**
 * Push transactions on SQLite, committed in groups when pushes come in together: one
 * commit, so one fsync, for the pushes that arrive together; a push that comes alone is
 * committed at once.
 *
 * Why: SQLite has one connection, and better-sqlite3 runs every statement on the event
 * loop, the commit's fsync (synchronous=FULL) included. With a commit per push, a burst
 * of tablets queued fsync after fsync while nothing else ran. A transaction never yields
 * the event loop, so no request can arrive while one is written: pushes come in together
 * only within one turn of the loop. So when nothing is being written and no commit has
 * ended since the loop last went round, the queue is written as soon as the calling code
 * is done (a microtask): a lone push commits at once, alone, with no savepoint. Pushes
 * queued after a commit in the same turn wait for the next group, which starts once the
 * loop has taken in what else arrived (`setImmediate`) and takes every push queued by
 * then, up to a group's size. Under a steady stream each turn commits one group; a lone
 * tablet never waits for the loop to go round.
 *
 * What must always hold:
 * - A push's promise resolves only after the commit of the transaction holding its writes
 *   returned, so a tablet is never acknowledged before its writes are durable; a failed
 *   commit rejects every push of the group, and none of their writes stay.
 * - One transaction at a time: a push committed at once never overlaps a group.
 * - Each push of a group of several runs in a savepoint of its own, in the order queued,
 *   and sees the writes of the pushes before it in the group, as it would had they
 *   committed before it. A push that throws is rolled back to its savepoint and rejected
 *   alone; the others commit. A push alone in its transaction needs no savepoint: if it
 *   throws, the whole transaction is rolled back, which holds only its writes.
 * - If SQLite has rolled back the whole transaction (a full disk, an I/O error), the
 *   savepoint is gone with it: the group stops there and every push in it is rejected,
 *   so no later push's writes run outside the transaction.
 */
import { sql, type Kysely } from 'kysely';

/** A group's mutations, at most (a push has up to 500): one group holds the event loop. */
export const MUTATIONS_PER_GROUP = 2_000;

export interface PushGroupCommit<DB> {
  /** Runs `work` in the next group's transaction; resolves with its result once committed. */
  run<T>(mutationCount: number, work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Groups and pushes committed so far. */
  countCommitted(): { groups: number; pushes: number };
}

interface QueuedPush<DB> {
  readonly mutationCount: number;
  readonly work: (trx: Kysely<DB>) => Promise<unknown>;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export interface PushGroupCommitOptions {
  /** Called after each commit that succeeded, once its pushes are answered. */
  afterCommit?: () => void;
}

export function createPushGroupCommit<DB>(
  db: Kysely<DB>,
  options: PushGroupCommitOptions = {},
): PushGroupCommit<DB> {
  let queue: QueuedPush<DB>[] = [];
  /** A transaction is open, or about to be. */
  let isWriting = false;
  /** A commit ended since the event loop last went round. */
  let hasCommittedThisTurn = false;
  const committed = { groups: 0, pushes: 0 };

  const takeGroup = (): QueuedPush<DB>[] => {
    let count = 0;
    let taken = 0;
    while (taken < queue.length) {
      count += queue[taken]!.mutationCount;
      if (taken > 0 && count > MUTATIONS_PER_GROUP) break;
      taken++;
    }
    const group = queue.slice(0, taken);
    queue = queue.slice(taken);
    return group;
  };

  const noteCommit = () => {
    if (hasCommittedThisTurn) return;
    hasCommittedThisTurn = true;
    setImmediate(() => {
      hasCommittedThisTurn = false;
    });
  };

  const writeGroup = async (
    trx: Kysely<DB>,
    group: readonly QueuedPush<DB>[],
  ): Promise<Outcome[]> => {
    if (group.length === 1) return [{ ok: true, result: await group[0]!.work(trx) }];
    const outcomes: Outcome[] = [];
    for (const push of group) {
      await sql`savepoint push`.execute(trx);
      try {
        outcomes.push({ ok: true, result: await push.work(trx) });
      } catch (error) {
        // Throws if SQLite already rolled everything back: the whole group fails.
        await sql`rollback to savepoint push`.execute(trx);
        outcomes.push({ ok: false, error });
      }
      await sql`release savepoint push`.execute(trx);
    }
    return outcomes;
  };

  const commitGroup = async (): Promise<void> => {
    const group = takeGroup();
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute((trx) => writeGroup(trx, group));
    } catch (error) {
      for (const push of group) push.reject(error);
      return;
    } finally {
      noteCommit();
    }
    committed.groups++;
    committed.pushes += group.length;
    group.forEach((push, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) push.resolve(outcome.result);
      else push.reject(outcome.error);
    });
    options.afterCommit?.();
  };

  const writeNext = () => {
    if (isWriting || queue.length === 0) return;
    isWriting = true;
    const write = () => {
      void commitGroup().finally(() => {
        isWriting = false;
        writeNext();
      });
    };
    // Pushes queued in the same turn as a commit wait for what else the turn brings in.
    if (hasCommittedThisTurn) setImmediate(write);
    else queueMicrotask(write);
  };

  return {
    run<T>(mutationCount: number, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ mutationCount, work, resolve: resolve as (result: unknown) => void, reject });
        writeNext();
      });
    },
    countCommitted: () => ({ ...committed }),
  };
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };
