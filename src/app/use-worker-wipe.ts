// The service worker's locked push can learn first that headquarters revoked the tablet:
// it erases the tablet and tells every open page, which then opens afresh on the notice.
import { useEffect } from 'preact/hooks';

/** The worker's message after a wipe (src/sync/wipe-after-revocation.ts, `tabletErasedMessage`). */
const tabletErasedMessage = 'sakhi-tablet-erased';

export function useTabletErasedByWorker(reopen: () => void): void {
  useEffect(() => {
    const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
    if (!container) return;
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === tabletErasedMessage) reopen();
    };
    container.addEventListener('message', onMessage);
    return () => container.removeEventListener('message', onMessage);
  }, [reopen]);
}
