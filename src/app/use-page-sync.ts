import { useEffect, useState } from 'preact/hooks';
import type { Tablet } from '../shell/open-stores.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import type { PageSync } from './page-sync.ts';

/**
 * Sync while someone is signed in (page-sync.ts, loaded after the first screen): started
 * when the stores open, stopped on sign-out; every save through the stores asks for a run.
 */
export function usePageSync(tablet: Tablet | null): {
  status: SyncStatus | null;
  pageSync: PageSync | null;
} {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [pageSync, setPageSync] = useState<PageSync | null>(null);
  useEffect(() => {
    if (!tablet) return;
    let isCurrent = true;
    let stop = () => {};
    import('./page-sync.ts').then(
      ({ startPageSync }) => {
        if (!isCurrent) return;
        const started = startPageSync(tablet.syncSource, setStatus);
        const unsubscribe = tablet.onSaved(() => started.afterSave());
        setPageSync(started);
        stop = () => {
          unsubscribe();
          started.stop();
        };
      },
      (error: unknown) => console.warn('Sakhi: sync did not start', error),
    );
    return () => {
      isCurrent = false;
      stop();
      setPageSync(null);
      setStatus(null);
    };
  }, [tablet]);
  return { status, pageSync };
}
