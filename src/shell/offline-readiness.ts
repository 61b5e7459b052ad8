/**
 * Whether this tablet can open the app without the network: the state every screen that
 * might promise offline use reads.
 *
 * What must stay true: `ready` only once the service worker is active, which it becomes
 * only after storing every file the app needs to open again offline, signed in (its
 * install fails otherwise; the screens opened later by a tap follow, docs/performance.md).
 * Until then no
 * screen says the app works offline; `unknown` (no service worker: a browser without
 * them, or the dev server) never promises it either.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PrecacheProgress } from '../platform/precache-progress.ts';

export type OfflineReadiness =
  | { readonly state: 'unknown' }
  /** `total` is null until the worker's first report. */
  | { readonly state: 'preparing'; readonly done: number; readonly total: number | null }
  | { readonly state: 'ready' };

export interface OfflineReadinessTracker {
  readonly current: () => OfflineReadiness;
  /** The worker is being installed, or is about to be. */
  readonly preparing: () => void;
  readonly progressed: (progress: PrecacheProgress) => void;
  /** The worker is active: every file is stored. */
  readonly ready: () => void;
  readonly subscribe: (listener: (readiness: OfflineReadiness) => void) => () => void;
}

/** The next state: never back from ready, never a smaller count for the same install. */
export function readinessAfterProgress(
  readiness: OfflineReadiness,
  progress: PrecacheProgress,
): OfflineReadiness {
  if (readiness.state === 'ready') return readiness;
  const done =
    readiness.state === 'preparing' && readiness.total === progress.total
      ? Math.max(readiness.done, progress.done)
      : progress.done;
  return { state: 'preparing', done, total: progress.total };
}

export function createOfflineReadinessTracker(): OfflineReadinessTracker {
  let readiness: OfflineReadiness = { state: 'unknown' };
  const listeners = new Set<(readiness: OfflineReadiness) => void>();
  const publish = (next: OfflineReadiness) => {
    if (next === readiness) return;
    readiness = next;
    listeners.forEach((listener) => listener(readiness));
  };
  return {
    current: () => readiness,
    preparing: () => {
      if (readiness.state === 'unknown') publish({ state: 'preparing', done: 0, total: null });
    },
    progressed: (progress) => publish(readinessAfterProgress(readiness, progress)),
    ready: () => {
      if (readiness.state !== 'ready') publish({ state: 'ready' });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** This page's one tracker: the service worker's registration feeds it (src/app). */
export const offlineReadiness = createOfflineReadinessTracker();

export function useOfflineReadiness(
  tracker: OfflineReadinessTracker = offlineReadiness,
): OfflineReadiness {
  const [readiness, setReadiness] = useState(tracker.current);
  useEffect(() => {
    setReadiness(tracker.current());
    return tracker.subscribe(setReadiness);
  }, [tracker]);
  return readiness;
}
