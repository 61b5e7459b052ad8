import { describe, expect, it } from 'vitest';
import { createSyncScheduler, type SchedulerTimers, type SyncStatus } from './sync-scheduler.ts';
import type { SyncReport } from './sync-run.ts';
import { SyncError } from './sync-ports.ts';

const emptyReport: SyncReport = {
  pushed: 0,
  duplicates: 0,
  rejected: 0,
  pulledRecords: 0,
  pulledPages: 0,
};

/** Time that moves only when the test says so. */
function manualTimers() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: SchedulerTimers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      pending.set(++nextId, { at: now + ms, callback });
      return nextId;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
      await settle();
    }
    now = until;
  };
  return { timers, advance };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(run: (signal: AbortSignal) => Promise<SyncReport>) {
  const { timers, advance } = manualTimers();
  const statuses: SyncStatus[] = [];
  let lockHolders = 0;
  let maxLockHolders = 0;
  const scheduler = createSyncScheduler({
    run,
    timers,
    random: () => 1,
    onStatus: (status) => statuses.push(status),
    withDeviceLock: async (work) => {
      lockHolders += 1;
      maxLockHolders = Math.max(maxLockHolders, lockHolders);
      try {
        return await work();
      } finally {
        lockHolders -= 1;
      }
    },
  });
  return { scheduler, advance, statuses, maxLockHolders: () => maxLockHolders };
}

describe('sync scheduler', () => {
  it('debounces saves into one run', async () => {
    let runs = 0;
    const { scheduler, advance } = setUp(async () => {
      runs += 1;
      return emptyReport;
    });
    scheduler.request('saved');
    await advance(1_000);
    scheduler.request('saved');
    scheduler.request('saved');
    await advance(2_500);
    expect(runs).toBe(1);
    expect(scheduler.status.lastSuccessAt).not.toBeNull();
  });

  it('runs at once on start and when the network returns, then every minute', async () => {
    let runs = 0;
    const { scheduler, advance } = setUp(async () => {
      runs += 1;
      return emptyReport;
    });
    scheduler.request('start');
    await settle();
    expect(runs).toBe(1);
    await advance(60_000);
    expect(runs).toBe(2);
    scheduler.request('online');
    await settle();
    expect(runs).toBe(3);
    void scheduler.stop();
    await advance(10 * 60_000);
    expect(runs).toBe(3);
  });

  it('never runs twice at once, and runs again after a request made during a run', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const { scheduler, maxLockHolders } = setUp(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      return emptyReport;
    });
    scheduler.request('start');
    await settle();
    scheduler.request('manual');
    scheduler.request('manual');
    await settle();
    expect(runs).toBe(1);
    release();
    await settle();
    await settle();
    expect(runs).toBe(2);
    expect(maxLockHolders()).toBe(1);
  });

  it('backs off after transient failures and recovers', async () => {
    let runs = 0;
    let failuresLeft = 3;
    const { scheduler, advance } = setUp(async () => {
      runs += 1;
      if (failuresLeft-- > 0) throw new SyncError('offline', 'no network');
      return emptyReport;
    });
    scheduler.request('start');
    await settle();
    expect(scheduler.status).toMatchObject({
      lastErrorCode: 'offline',
      needsAttention: false,
      nextRunAt: 5_000,
    });
    await advance(5_000);
    expect(scheduler.status.nextRunAt).toBe(15_000);
    await advance(10_000);
    expect(scheduler.status.nextRunAt).toBe(35_000);
    await advance(20_000);
    expect(runs).toBe(4);
    expect(scheduler.status).toMatchObject({ lastErrorCode: null, nextRunAt: 95_000 });
  });

  it('does not retry in a loop when a person must act', async () => {
    let runs = 0;
    const { scheduler, advance } = setUp(async () => {
      runs += 1;
      throw new SyncError('device_revoked', 'revoked');
    });
    scheduler.request('start');
    await settle();
    await advance(60 * 60_000);
    expect(runs).toBe(1);
    expect(scheduler.status).toMatchObject({
      needsAttention: true,
      lastErrorCode: 'device_revoked',
      nextRunAt: null,
    });
  });

  it('on stop, aborts the run in flight, settles only once it has ended, and publishes nothing more', async () => {
    let runSignal: AbortSignal | null = null;
    let endRun: () => void = () => undefined;
    const { scheduler, statuses, advance } = setUp(async (signal) => {
      runSignal = signal;
      await new Promise<void>((resolve) => (endRun = resolve));
      // What her ended session's last request met: it must not sign out the next person.
      throw new SyncError('session_expired', 'session ended');
    });
    scheduler.request('start');
    await settle();
    const published = statuses.length;
    let hasStopped = false;
    const stopping = scheduler.stop().then(() => (hasStopped = true));
    expect(runSignal!.aborted).toBe(true);
    await settle();
    expect(hasStopped).toBe(false);
    endRun();
    await stopping;
    scheduler.request('manual');
    await advance(60 * 60_000);
    expect(statuses).toHaveLength(published);
  });
});
