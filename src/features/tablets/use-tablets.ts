import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DeviceListing } from '../../domain/auth-protocol.ts';
import type { TabletsClient } from './tablets-client.ts';

export type TabletList =
  | { readonly state: 'loading' }
  | { readonly state: 'failed' }
  | { readonly state: 'loaded'; readonly tablets: readonly DeviceListing[] };

export interface TabletsFlow {
  readonly list: TabletList;
  readonly reload: () => void;
  /** Revokes, then shows the list as the server now has it; false if it could not. */
  readonly revoke: (deviceId: string) => Promise<boolean>;
}

export function useTablets(client: TabletsClient): TabletsFlow {
  const [list, setList] = useState<TabletList>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setList({ state: 'loading' });
    void client.listTablets().then((tablets) => {
      if (isCurrent) setList(tablets ? { state: 'loaded', tablets } : { state: 'failed' });
    });
    return () => {
      isCurrent = false;
    };
  }, [client, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const revoke = async (deviceId: string) => {
    const isRevoked = await client.revokeTablet(deviceId);
    if (isRevoked) reload();
    return isRevoked;
  };
  return { list, reload, revoke };
}
