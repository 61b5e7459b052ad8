import { useEffect, useMemo, useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { createTabletsClient } from './tablets-client.ts';
import { TabletsPage } from './TabletsPage.tsx';

/** The Tablets route: the page over the server, as the signed-in manager. */
export function TabletsScreen() {
  const { staff, readSessionToken } = useStores();
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    void readSessionToken().then(setToken);
  }, [readSessionToken]);
  const client = useMemo(
    () => (token ? createTabletsClient({ token, centreId: staff.centreId }) : null),
    [token, staff.centreId],
  );
  if (!client) return null;
  return <TabletsPage client={client} canSetLock={staff.role === 'manager'} />;
}
