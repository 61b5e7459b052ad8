/**
 * How long a tablet stays open without use: set per centre by its manager, issued by the
 * server at sign-in. Kept apart from the sign-in schemas so the first screen's code, which
 * needs only these numbers, does not carry them.
 */

/** A centre's lock setting until its manager changes it, and headquarters' always. */
export const DEFAULT_LOCK_IDLE_MINUTES = 5;

/** The centre's idle lock in minutes: `PUT /api/centres/:id/lock` takes it within these bounds. */
export const idleMinutesBounds = { min: 1, max: 60 } as const;
