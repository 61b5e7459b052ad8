import { describe, expect, it } from 'vitest';
import { precacheProgressType, type PrecacheProgress } from '../platform/precache-progress.ts';
import {
  createOfflineReadinessTracker,
  readinessAfterProgress,
  type OfflineReadiness,
} from './offline-readiness.ts';

const progress = (done: number, total = 51): PrecacheProgress => ({
  type: precacheProgressType,
  done,
  total,
});

describe('offline readiness', () => {
  it('counts up while the worker installs, and never down for the same install', () => {
    const preparing: OfflineReadiness = { state: 'preparing', done: 7, total: 51 };
    expect(readinessAfterProgress(preparing, progress(9))).toEqual({ ...preparing, done: 9 });
    expect(readinessAfterProgress(preparing, progress(3))).toEqual(preparing);
    // Another install (a new version's list) starts its own count.
    expect(readinessAfterProgress(preparing, progress(2, 52))).toEqual({
      state: 'preparing',
      done: 2,
      total: 52,
    });
  });

  it('stays ready once ready: a later report is an update installing beside it', () => {
    expect(readinessAfterProgress({ state: 'ready' }, progress(1))).toEqual({ state: 'ready' });
  });

  it('tells listeners each change, from unknown through preparing to ready', () => {
    const tracker = createOfflineReadinessTracker();
    const seen: OfflineReadiness[] = [];
    const stop = tracker.subscribe((readiness) => seen.push(readiness));
    tracker.preparing();
    tracker.progressed(progress(1, 2));
    tracker.ready();
    tracker.preparing();
    tracker.progressed(progress(2, 2));
    stop();
    expect(seen).toEqual([
      { state: 'preparing', done: 0, total: null },
      { state: 'preparing', done: 1, total: 2 },
      { state: 'ready' },
    ]);
    expect(tracker.current()).toEqual({ state: 'ready' });
  });
});
