import { fill, useMessages } from '../i18n/define-messages.ts';
import { offlineMessages } from '../i18n/messages-offline.ts';
import type { OfflineReadiness } from './offline-readiness.ts';

/** One line: how far offline use is prepared, or that it is ready; nothing when unknown. */
export function OfflineReadinessNote({ readiness }: { readonly readiness: OfflineReadiness }) {
  const t = useMessages(offlineMessages);
  if (readiness.state === 'unknown') return null;
  if (readiness.state === 'ready') {
    return (
      <p class="offline-readiness offline-ready" data-testid="offline-ready" role="status">
        {t.ready}
      </p>
    );
  }
  return (
    <p class="offline-readiness" data-testid="offline-preparing" role="status">
      {readiness.total === null
        ? t.preparing
        : fill(t.preparingCount, { done: readiness.done, total: readiness.total })}
    </p>
  );
}
