/**
 * Limits password guessing, counted in the database so every server process shares the
 * counts: at most SIGN_IN_LIMITS.perAccount attempts per account and perAddress FAILED
 * attempts per client address in a fixed window, and at most perAddressInFlight
 * attempts from one address being checked at once.
 *
 * What must hold:
 * - An account's attempt is counted BEFORE its password is checked, in one atomic
 *   upsert, so concurrent guesses at one account (even on several processes) cannot slip
 *   past its limit. A success clears the account's count.
 * - An address is charged only for wrong passwords, counted once each is known, so a
 *   centre behind one NAT address is limited by its failures only: any number of correct
 *   sign-ins, concurrent or not, and retries at a locked account (refused before any
 *   password is checked) cost the address nothing.
 * - A refused attempt costs no scrypt work, and the in-flight cap bounds the scrypt work
 *   one address can start at once (which is what keeps a burst from exhausting memory).
 *   Concurrent guesses from one address can overshoot perAddress by at most that cap.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
  perAddressInFlight: 50,
  /** An in-flight count a killed process never released is forgotten after this. */
  inFlightWindowMs: 60 * 1000,
} as const;

export interface ThrottleKeys {
  account: string;
  address: string;
  inFlight: string;
}

/** `accountKey` is the account's keyed hash (./username-hash.ts), never what was typed. */
export function throttleKeys(accountKey: string, ip: string): ThrottleKeys {
  return { account: `account:${accountKey}`, address: `address:${ip}`, inFlight: `busy:${ip}` };
}

/** Counts this attempt at the account; returns seconds to wait if it is over, else null. */
export async function countAccountAttempt(
  db: Kysely<Database>,
  keys: ThrottleKeys,
  now: Date,
): Promise<number | null> {
  const account = await bumpWindowCount(db, keys.account, now, SIGN_IN_LIMITS.windowMs);
  return account.failures > SIGN_IN_LIMITS.perAccount
    ? secondsLeft(account, now, SIGN_IN_LIMITS.windowMs)
    : null;
}

/**
 * Lets one attempt from the address be checked; returns seconds to wait if the address
 * has too many failures or attempts under way, else null. Every null must be followed
 * by releaseAddress once the password has been checked.
 */
export async function enterFromAddress(
  db: Kysely<Database>,
  keys: ThrottleKeys,
  now: Date,
): Promise<number | null> {
  const busy = await bumpWindowCount(db, keys.inFlight, now, SIGN_IN_LIMITS.inFlightWindowMs);
  const failed = await db
    .selectFrom('sign_in_throttles')
    .select(['failures', 'window_started_at'])
    .where('key', '=', keys.address)
    .executeTakeFirst();
  const waits: number[] = [];
  if (
    failed &&
    isCurrent(failed, now, SIGN_IN_LIMITS.windowMs) &&
    failed.failures >= SIGN_IN_LIMITS.perAddress
  ) {
    waits.push(secondsLeft(failed, now, SIGN_IN_LIMITS.windowMs));
  }
  if (busy.failures > SIGN_IN_LIMITS.perAddressInFlight) waits.push(1);
  if (waits.length === 0) return null;
  await releaseAddress(db, keys);
  return Math.max(...waits);
}

/** Ends an attempt let in by enterFromAddress. */
export async function releaseAddress(db: Kysely<Database>, keys: ThrottleKeys): Promise<void> {
  await db
    .updateTable('sign_in_throttles')
    .set({ failures: sql<number>`failures - 1` })
    .where('key', '=', keys.inFlight)
    .where('failures', '>', 0)
    .execute();
}

/** Charges the address for a wrong password (or unknown username). */
export async function countAddressFailure(
  db: Kysely<Database>,
  keys: ThrottleKeys,
  now: Date,
): Promise<void> {
  await bumpWindowCount(db, keys.address, now, SIGN_IN_LIMITS.windowMs);
}

export async function forgiveAccountAttempts(
  db: Kysely<Database>,
  keys: ThrottleKeys,
): Promise<void> {
  await db.deleteFrom('sign_in_throttles').where('key', '=', keys.account).execute();
}

export interface WindowCount {
  failures: number;
  window_started_at: string;
}

/**
 * Adds one to `key`'s count in `sign_in_throttles`, starting a new window (at 1) when the
 * stored one is older than `windowMs`; one statement, so concurrent bumps never lose one.
 */
export function bumpWindowCount(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<WindowCount> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
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

function isCurrent(count: WindowCount, now: Date, windowMs: number): boolean {
  return Date.parse(count.window_started_at) + windowMs > now.getTime();
}

function secondsLeft(count: WindowCount, now: Date, windowMs: number): number {
  const end = Date.parse(count.window_started_at) + windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
