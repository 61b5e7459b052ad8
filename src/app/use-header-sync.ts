import { mayResolveConflicts } from '../domain/write-rules.ts';
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
  return {
    pendingChanges: syncView?.waiting ?? null,
    sync: signedIn
      ? headerSyncOf(syncView, syncStatus, mayResolveConflicts(signedIn.stores.staff))
      : null,
  };
}

function headerSyncOf(
  view: SyncView | null,
  status: SyncStatus | null,
  isManager: boolean,
): HeaderSync | null {
  if (!view) return null;
  return {
    isRunning: status?.isRunning ?? false,
    lastSyncAt: view.lastSyncAt,
    needsAttention: view.rejected > 0 || (isManager && view.openConflicts > 0),
  };
}
