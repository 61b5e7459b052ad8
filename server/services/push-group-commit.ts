/**
 * Push transactions on SQLite, committed in groups: one commit, so one fsync, for the
 * pushes that arrive together.
 *
 * Why: SQLite has one connection, and better-sqlite3 runs every statement on the event
 * loop, the commit's fsync (synchronous=FULL) included. With a commit per push, a burst
 * of tablets queued fsync after fsync while nothing else ran. Here a push is queued; the
 * next group starts once the event loop has taken in what arrived meanwhile
 * (`setImmediate`), and takes every push queued by then, up to a group's size. Pushes that
 * arrive while a group runs go in the next one.
 *
 * What must always hold:
 * - A push's promise resolves only after the commit of the transaction holding its writes
 *   returned, so a tablet is never acknowledged before its writes are durable; a failed
 *   commit rejects every push of the group, and none of their writes stay.
 * - Each push runs in a savepoint of its own, in the order queued, and sees the writes of
 *   the pushes before it in the group, as it would had they committed before it. A push
 *   that throws is rolled back to its savepoint and rejected alone; the others commit.
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

export function createPushGroupCommit<DB>(db: Kysely<DB>): PushGroupCommit<DB> {
  let queue: QueuedPush<DB>[] = [];
  let isScheduled = false;
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

  const commitGroup = async (): Promise<void> => {
    const group = takeGroup();
    const outcomes: ({ ok: true; result: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await db.transaction().execute(async (trx) => {
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
      });
    } catch (error) {
      for (const push of group) push.reject(error);
      return;
    }
    committed.groups++;
    committed.pushes += group.length;
    group.forEach((push, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) push.resolve(outcome.result);
      else push.reject(outcome.error);
    });
  };

  const schedule = () => {
    if (isScheduled || queue.length === 0) return;
    isScheduled = true;
    setImmediate(() => {
      void commitGroup().finally(() => {
        isScheduled = false;
        schedule();
      });
    });
  };

  return {
    run<T>(mutationCount: number, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ mutationCount, work, resolve: resolve as (result: unknown) => void, reject });
        schedule();
      });
    },
    countCommitted: () => ({ ...committed }),
  };
}
