/**
 * Live reads: the one way a screen follows what the store holds. A read runs now and again
 * whenever what it read changes — a save here or in another tab, a pulled page, a
 * conflict's resolution — so no screen waits for a navigation to show the truth.
 *
 * What must always hold:
 * - A read that touches IndexedDB is re-run by Dexie's `liveQuery` when a write (in this
 *   page, another tab or the service worker) intersects what it read, and only then.
 * - A read that touches the case directory (names, search, list columns: held in memory,
 *   case-directory.ts) is re-run when the directory changes: IndexedDB never sees those
 *   reads, so `liveQuery` alone would miss a pulled case.
 * - After `unsubscribe` the observer is never called again.
 */
import { liveQuery } from 'dexie';
import type { CaseDirectory } from './case-directory.ts';
import type { StoreObserver } from './case-store.ts';

/** Runs `read` now and whenever what it read changes; returns the unsubscribe. */
export function watchReads<T>(
  read: () => Promise<T>,
  observer: StoreObserver<T>,
  directory: CaseDirectory | null = null,
): () => void {
  let isStopped = false;
  const start = () =>
    liveQuery(read).subscribe({
      next: (value) => {
        if (!isStopped) observer.next(value);
      },
      error: (error: unknown) => {
        if (!isStopped) observer.error(error);
      },
    });
  let subscription = start();
  // Starting again re-runs the read at once, and keeps following its IndexedDB reads.
  const stopDirectory =
    directory?.onChange(() => {
      subscription.unsubscribe();
      if (!isStopped) subscription = start();
    }) ?? (() => undefined);
  return () => {
    isStopped = true;
    stopDirectory();
    subscription.unsubscribe();
  };
}
