import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Tablet } from '../shell/open-stores.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import type { PageSync } from './page-sync.ts';

/**
 * Sync while someone is signed in (page-sync.ts, loaded after the first screen): started
 * when the stores open, stopped on sign-out; every save through the stores asks for a run.
 *
 * `stopSync` stops it now and settles once its run in flight (and that of any page sync
 * stopped before) has ended: sign-out and the wipes wait for it, so no answer that comes
 * later is written over what they clear, and no refusal of her old session reaches the
 * next person's screen.
 */
export function usePageSync(tablet: Tablet | null): {
  status: SyncStatus | null;
  pageSync: PageSync | null;
  stopSync: () => Promise<void>;
} {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [pageSync, setPageSync] = useState<PageSync | null>(null);
  const stopCurrent = useRef<() => void>(() => {});
  // Until every page sync stopped so far has ended its run.
  const stopped = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    if (!tablet) return;
    let isCurrent = true;
    let started: PageSync | null = null;
    let unsubscribe = () => {};
    const stop = () => {
      if (!isCurrent) return;
      isCurrent = false;
      unsubscribe();
      if (started) stopped.current = Promise.all([stopped.current, started.stop()]).then(noop);
    };
    stopCurrent.current = stop;
    import('./page-sync.ts').then(
      ({ startPageSync }) => {
        if (!isCurrent) return;
        started = startPageSync(tablet.syncSource, setStatus);
        const running = started;
        unsubscribe = tablet.onSaved(() => running.afterSave());
        setPageSync(running);
      },
      (error: unknown) => console.warn('Sakhi: sync did not start', error),
    );
    return () => {
      stop();
      setPageSync(null);
      setStatus(null);
    };
  }, [tablet]);
  const stopSync = useCallback(() => {
    stopCurrent.current();
    return stopped.current;
  }, []);
  return { status, pageSync, stopSync };
}

function noop() {}
