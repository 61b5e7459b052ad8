/**
 * Deletes rows that can no longer matter: sessions past their end, and sign-in throttle
 * counts whose window has passed. The running server does it on a timer (`schedulePruning`,
 * started by app.ts); `npm run admin -- prune` does it once.
 *
 * What must hold:
 * - Only rows that every check already treats as gone are deleted, so pruning never
 *   changes an answer: a session past its idle or absolute end is refused as expired
 *   whether or not its row exists, and a throttle window that has passed restarts at 1
 *   whether or not its row exists (sign-in-throttle.ts, new-device-quota.ts).
 * - A session on a revoked tablet is kept: it is how that tablet, coming back after
 *   months, is told `device_revoked` and wipes itself instead of only "session expired".
 * - Nothing here touches the audit log, which is append-only.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NEW_DEVICE_WINDOW_MS } from './new-device-quota.ts';
import { SESSION_IDLE_MS } from './sessions.ts';
import { SIGN_IN_LIMITS } from './sign-in-throttle.ts';

/** How often the running server prunes: often enough that the tables stay small. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

// New-tablet counts live a day; every other count (password attempts, addresses, attempts
// under way) lives at most SIGN_IN_LIMITS.windowMs.
const NEW_DEVICE_KEY_PATTERN = 'new-device-%';

export interface PrunedRows {
  sessions: number;
  throttles: number;
}

export async function pruneExpiredRows(db: Kysely<Database>, now: Date): Promise<PrunedRows> {
  const nowIso = now.toISOString();
  const idleCutoff = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb('last_used_at', '<=', idleCutoff)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('devices')
            .select(sql<number>`1`.as('one'))
            .whereRef('devices.id', '=', 'sessions.device_id')
            .where('devices.revoked_at', 'is not', null),
        ),
      ),
    )
    .executeTakeFirst();
  const newDeviceCutoff = new Date(now.getTime() - NEW_DEVICE_WINDOW_MS).toISOString();
  const signInCutoff = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString();
  const throttles = await db
    .deleteFrom('sign_in_throttles')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('key', 'like', NEW_DEVICE_KEY_PATTERN),
          eb('window_started_at', '<=', newDeviceCutoff),
        ]),
        eb.and([
          eb('key', 'not like', NEW_DEVICE_KEY_PATTERN),
          eb('window_started_at', '<=', signInCutoff),
        ]),
      ]),
    )
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    throttles: Number(throttles.numDeletedRows),
  };
}

export interface PruningSchedule {
  stop(): void;
}

/**
 * Prunes every `intervalMs` until stopped. The timer is unref'd, so it never keeps a
 * process alive; a failed run is reported and the next one tries again.
 */
export function schedulePruning(options: {
  db: Kysely<Database>;
  now: () => Date;
  intervalMs?: number;
  onPruned?: (pruned: PrunedRows) => void;
  onError: (error: unknown) => void;
}): PruningSchedule {
  let isRunning = false;
  const timer = setInterval(() => {
    // A slow database must not stack runs on top of each other.
    if (isRunning) return;
    isRunning = true;
    pruneExpiredRows(options.db, options.now())
      .then((pruned) => options.onPruned?.(pruned), options.onError)
      .finally(() => {
        isRunning = false;
      });
  }, options.intervalMs ?? PRUNE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
