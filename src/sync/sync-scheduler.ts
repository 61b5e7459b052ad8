/**
 * When sync runs: after each save (debounced), on start, when the network comes back,
 * every minute while open, and again sooner after a failure, backing off.
 *
 * What must always hold:
 * - One run at a time per device: runs go through `withDeviceLock` (Web Locks across tabs
 *   and the service worker); a request during a run is remembered and runs right after.
 * - A failure that time may cure (offline, server trouble) is retried with growing
 *   pauses; one that needs a person (signed out, device revoked, app too old) is not
 *   retried in a loop, it is shown.
 * - `stop()` is final: it aborts the signal the run in flight was given, plans and
 *   publishes nothing more, and settles once that run has ended. What a stopped run
 *   reports is nobody's news: a refusal of her old session must not sign out whoever
 *   signs in next.
 */
import type { SyncReport } from './sync-run.ts';
import { SyncError, type SyncErrorCode } from './sync-ports.ts';

export type SyncTrigger = 'saved' | 'start' | 'online' | 'periodic' | 'retry' | 'manual';

export interface SyncStatus {
  readonly isRunning: boolean;
  /** ISO time of the last run that finished without error; null if none yet. */
  readonly lastSuccessAt: string | null;
  /** Why the last run stopped, if it failed. */
  readonly lastErrorCode: SyncErrorCode | null;
  /** True when the last failure needs a person (sign in again, update the app). */
  readonly needsAttention: boolean;
  /** When the next automatic run is due (epoch ms), if one is planned. */
  readonly nextRunAt: number | null;
}

export interface SchedulerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncSchedulerOptions {
  /** One run; `signal` is aborted by `stop()`, and the run then ends without writing. */
  readonly run: (signal: AbortSignal) => Promise<SyncReport>;
  readonly withDeviceLock: <T>(work: () => Promise<T>) => Promise<T>;
  readonly onStatus: (status: SyncStatus) => void;
  readonly timers?: SchedulerTimers;
  readonly debounceMs?: number;
  readonly periodMs?: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** 0..1, for spreading retries of many tablets after an outage; injectable for tests. */
  readonly random?: () => number;
}

export interface SyncScheduler {
  request(trigger: SyncTrigger): void;
  /** Settles (never rejects) once the run in flight, if any, has ended. */
  stop(): Promise<void>;
  readonly status: SyncStatus;
}

const browserTimers: SchedulerTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const timers = options.timers ?? browserTimers;
  const debounceMs = options.debounceMs ?? 2_000;
  const periodMs = options.periodMs ?? 60_000;
  const minBackoffMs = options.minBackoffMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;

  let status: SyncStatus = {
    isRunning: false,
    lastSuccessAt: null,
    lastErrorCode: null,
    needsAttention: false,
    nextRunAt: null,
  };
  let timer: unknown = null;
  let isRunRequestedAgain = false;
  let failures = 0;
  let isStopped = false;
  const stopping = new AbortController();
  let runInFlight: Promise<unknown> | null = null;

  const publish = (changes: Partial<SyncStatus>) => {
    status = { ...status, ...changes };
    if (!isStopped) options.onStatus(status);
  };

  const planRun = (delayMs: number) => {
    if (isStopped) return;
    const at = timers.now() + delayMs;
    // Keep an earlier plan: a save's short debounce must not push back a due retry, nor the reverse.
    if (timer !== null && status.nextRunAt !== null && status.nextRunAt <= at) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void runNow();
    }, delayMs);
    publish({ nextRunAt: at });
  };

  const runNow = async () => {
    if (isStopped) return;
    if (status.isRunning) {
      isRunRequestedAgain = true;
      return;
    }
    publish({ isRunning: true, nextRunAt: null });
    const run = options.withDeviceLock(() => options.run(stopping.signal));
    runInFlight = run;
    try {
      await run;
      failures = 0;
      publish({
        isRunning: false,
        lastSuccessAt: new Date(timers.now()).toISOString(),
        lastErrorCode: null,
        needsAttention: false,
      });
      planRun(periodMs);
    } catch (error) {
      const syncError = error instanceof SyncError ? error : null;
      const isTransient = syncError ? syncError.isTransient : true;
      publish({
        isRunning: false,
        lastErrorCode: syncError?.code ?? 'server_error',
        needsAttention: !isTransient,
      });
      if (isTransient) {
        failures += 1;
        const backoff = Math.min(maxBackoffMs, minBackoffMs * 2 ** (failures - 1));
        planRun(Math.round(backoff * (0.5 + random() / 2)));
      }
    } finally {
      runInFlight = null;
    }
    if (isRunRequestedAgain) {
      isRunRequestedAgain = false;
      void runNow();
    }
  };

  return {
    request(trigger) {
      if (trigger === 'saved') planRun(debounceMs);
      else if (trigger === 'online' || trigger === 'start' || trigger === 'manual') {
        failures = 0;
        void runNow();
      } else void runNow();
    },
    async stop() {
      isStopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      stopping.abort();
      await runInFlight?.catch(() => undefined);
    },
    get status() {
      return status;
    },
  };
}
