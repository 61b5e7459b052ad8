import { useEffect, useState } from 'preact/hooks';
import { OfflineReadinessNote } from '../shell/OfflineReadinessNote.tsx';
import { useOfflineReadiness, type OfflineReadinessTracker } from '../shell/offline-readiness.ts';

/**
 * Under the header, on a first visit only: how far offline use is prepared, then that it
 * is ready. A tablet that opened ready never sees it; the sign-in screen has its own.
 */
export function OfflineReadinessLine({ tracker }: { readonly tracker?: OfflineReadinessTracker }) {
  const readiness = useOfflineReadiness(tracker);
  const [hasPrepared, setPrepared] = useState(false);
  useEffect(() => {
    if (readiness.state === 'preparing' && readiness.total !== null) setPrepared(true);
  }, [readiness]);
  if (!hasPrepared) return null;
  return (
    <div class="app-banner-line">
      <OfflineReadinessNote readiness={readiness} />
    </div>
  );
}
