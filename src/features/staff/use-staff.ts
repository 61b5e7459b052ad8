import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ListedStaffAccount } from '../../domain/auth-protocol.ts';
import type { CentreChoice, StaffClient } from './staff-client.ts';

export type StaffList =
  | { readonly state: 'loading' }
  | { readonly state: 'failed' }
  | {
      readonly state: 'loaded';
      readonly staff: readonly ListedStaffAccount[];
      readonly centreId: string | null;
    };

/**
 * The accounts of `centreId` (null: all she may see), read again after every change. A
 * re-read keeps the shown list until the answer comes: the rows stay mounted, so the
 * notice "her account is disabled" is not wiped by the reload that follows the change.
 */
export function useStaff(client: StaffClient, centreId: string | null) {
  const [list, setList] = useState<StaffList>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setList((shown) =>
      shown.state === 'loaded' && shown.centreId === centreId ? shown : { state: 'loading' },
    );
    void client.listStaff(centreId).then((staff) => {
      if (isCurrent) setList(staff ? { state: 'loaded', staff, centreId } : { state: 'failed' });
    });
    return () => {
      isCurrent = false;
    };
  }, [client, centreId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { list, reload };
}

/** Every centre, for the state administrator's filter and chooser; empty until read. */
export function useCentres(client: StaffClient, isWanted: boolean): readonly CentreChoice[] {
  const [centres, setCentres] = useState<readonly CentreChoice[]>([]);
  useEffect(() => {
    if (!isWanted) return;
    let isCurrent = true;
    void client.listCentres().then((found) => {
      if (isCurrent && found) setCentres(found);
    });
    return () => {
      isCurrent = false;
    };
  }, [client, isWanted]);
  return centres;
}
