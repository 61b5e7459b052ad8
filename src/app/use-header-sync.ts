import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SyncView, Tablet } from '../shell/open-stores.ts';
import type { Route } from '../shell/router.ts';
import type { Stores } from '../shell/stores.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import type { HeaderSync } from './Header.tsx';
import { usePolledValue } from './use-polled-value.ts';

export interface SignedIn {
  readonly tablet: Tablet;
  readonly stores: Stores;
}

/**
 * The header's sync line: changes waiting, when sync last worked, whether something needs
 * a person. Read again on every save, every screen change and whenever a sync run starts
 * or ends.
 */
export function useHeaderSync(
  signedIn: SignedIn | null,
  syncStatus: SyncStatus | null,
  route: Route,
): { readonly pendingChanges: number | null; readonly sync: HeaderSync | null } {
  const signedInTablet = signedIn?.tablet ?? null;
  const readSyncView = useMemo(
    () => (signedInTablet ? () => signedInTablet.readSyncView() : null),
    [signedInTablet],
  );
  // Count saves, so the waiting-changes count moves the moment she saves, offline too.
  const [saveCount, setSaveCount] = useState(0);
  useEffect(
    () => signedInTablet?.onSaved(() => setSaveCount((count) => count + 1)),
    [signedInTablet],
  );
  const syncView = usePolledValue(
    readSyncView,
    `${route.name}:${'caseId' in route ? route.caseId : ''}:${String(syncStatus?.isRunning)}:${saveCount}`,
  );
  const mayResolve = useMayResolveConflicts(signedIn);
  return {
    pendingChanges: syncView?.waiting ?? null,
    sync: signedIn ? headerSyncOf(syncView, syncStatus, mayResolve) : null,
  };
}

/**
 * Whether she may resolve conflicts, from the domain's write rules. Loaded after the first
 * screen: the whole rule table (with its reasons in two languages) would cost the case
 * list ~1.4 kB gzip over 2G, and until it arrives the header simply counts no conflicts
 * as hers to resolve.
 */
function useMayResolveConflicts(signedIn: SignedIn | null): boolean {
  const staff = signedIn?.stores.staff ?? null;
  const [mayResolve, setMayResolve] = useState(false);
  useEffect(() => {
    if (!staff) return;
    let isCurrent = true;
    import('../domain/write-rules.ts')
      .then((rules) => {
        if (isCurrent) setMayResolve(rules.mayResolveConflicts(staff));
      })
      .catch(() => setMayResolve(false));
    return () => {
      isCurrent = false;
    };
  }, [staff]);
  return staff ? mayResolve : false;
}

function headerSyncOf(
  view: SyncView | null,
  status: SyncStatus | null,
  isManager: boolean,
): HeaderSync | null {
  if (!view) return null;
  return {
    isRunning: status?.isRunning ?? false,
    isWaitingForNetwork: status?.lastErrorCode === 'offline',
    lastSyncAt: view.lastSyncAt,
    lastFullSyncAt: view.lastFullSyncAt,
    needsAttention: view.rejected > 0 || (isManager && view.openConflicts > 0),
    refused: view.rejected,
  };
}
