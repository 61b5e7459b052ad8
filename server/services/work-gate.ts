/**
 * At most `limit` pieces of work at a time; the rest wait their turn, in arrival order.
 *
 * Why: some work runs on libuv's small thread pool (4 threads by default) and holds a
 * thread for long — a password's scrypt holds one for a third of a second and 128 MB. A
 * burst of such work would take every thread, and the short work behind it (a push's
 * gzip, a pull's brotli) would queue behind the whole burst. Waiting here costs nothing:
 * a promise in memory, not a thread.
 *
 * What must hold: never more than `limit` running; every queued piece runs once a slot
 * frees, whether the work before it resolved or threw.
 */
export interface WorkGate {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Pieces running now (never above the limit). */
  countRunning(): number;
  /** Pieces waiting for a slot. */
  countWaiting(): number;
}

export function createWorkGate(limit: number): WorkGate {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`work gate limit ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(work) {
      if (running < limit) running++;
      // The slot passes straight from the piece that frees it: `running` stays counted.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    countRunning: () => running,
    countWaiting: () => waiting.length,
  };
}
