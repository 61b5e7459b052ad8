import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AuditClient, AuditEntry, AuditFilter } from './audit-client.ts';

export type AuditLog =
  | { readonly state: 'loading' }
  | { readonly state: 'failed' }
  | {
      readonly state: 'loaded';
      readonly entries: readonly AuditEntry[];
      /** Null on the last page. */
      readonly nextBefore: number | null;
    };

/** The log under `filter`, newest first; `showOlder` adds the next page below. */
export function useAuditLog(client: AuditClient, filter: AuditFilter) {
  const [log, setLog] = useState<AuditLog>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setLog({ state: 'loading' });
    void client.readPage(filter, null).then((page) => {
      if (!isCurrent) return;
      setLog(page ? { state: 'loaded', ...page } : { state: 'failed' });
    });
    return () => {
      isCurrent = false;
    };
  }, [client, filter, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const showOlder = async () => {
    if (log.state !== 'loaded' || log.nextBefore === null) return;
    const page = await client.readPage(filter, log.nextBefore);
    if (!page) return setLog({ state: 'failed' });
    setLog({
      state: 'loaded',
      entries: [...log.entries, ...page.entries],
      nextBefore: page.nextBefore,
    });
  };
  return { log, reload, showOlder };
}
