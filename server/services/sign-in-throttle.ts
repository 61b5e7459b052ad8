/**
 * Limits password guessing: at most SIGN_IN_LIMITS.perAccount attempts per username and
 * perAddress per client address in a fixed window, counted in the database so every
 * server process shares the counts.
 *
 * What must hold: an attempt is counted BEFORE its password is checked, in one atomic
 * upsert, so concurrent guesses (even on several processes) cannot slip past the limit,
 * and a refused attempt costs no scrypt work (which is what keeps a burst from exhausting
 * memory). A successful sign-in clears its account's count and takes itself back off the
 * address's count, so a centre behind one NAT address is limited by its failures only.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
} as const;

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(username: string, ip: string): ThrottleKeys {
  return { account: `account:${username}`, address: `address:${ip}` };
}

/** Counts this attempt; returns seconds to wait if it is over a limit, else null. */
export async function countSignInAttempt(
  db: Kysely<Database>,
  keys: ThrottleKeys,
  now: Date,
): Promise<number | null> {
  const account = await bump(db, keys.account, now);
  const address = await bump(db, keys.address, now);
  const waits = [
    account.failures > SIGN_IN_LIMITS.perAccount ? secondsLeft(account, now) : null,
    address.failures > SIGN_IN_LIMITS.perAddress ? secondsLeft(address, now) : null,
  ].filter((wait): wait is number => wait !== null);
  return waits.length > 0 ? Math.max(...waits) : null;
}

export async function forgiveSignInAttempt(db: Kysely<Database>, keys: ThrottleKeys) {
  await db.deleteFrom('sign_in_throttles').where('key', '=', keys.account).execute();
  await db
    .updateTable('sign_in_throttles')
    .set({ failures: sql<number>`failures - 1` })
    .where('key', '=', keys.address)
    .where('failures', '>', 0)
    .execute();
}

interface Count {
  failures: number;
  window_started_at: string;
}

function bump(db: Kysely<Database>, key: string, now: Date): Promise<Count> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString();
  const isOld = sql<boolean>`sign_in_throttles.window_started_at <= ${cutoff}`;
  return db
    .insertInto('sign_in_throttles')
    .values({ key, window_started_at: nowIso, failures: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        failures: sql<number>`case when ${isOld} then 1 else sign_in_throttles.failures + 1 end`,
        window_started_at: sql<string>`case when ${isOld} then ${nowIso} else sign_in_throttles.window_started_at end`,
      }),
    )
    .returning(['failures', 'window_started_at'])
    .executeTakeFirstOrThrow();
}

function secondsLeft(count: Count, now: Date): number {
  const end = Date.parse(count.window_started_at) + SIGN_IN_LIMITS.windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
