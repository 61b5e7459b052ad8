// Carries "a new version waits" from the service worker registration to the banner, which
// may render before or after the worker reports.
import { useEffect, useState } from 'preact/hooks';

export type ApplyUpdate = () => void;

export interface UpdateSignal {
  readonly announce: (apply: ApplyUpdate) => void;
  readonly subscribe: (listener: (apply: ApplyUpdate) => void) => () => void;
}

export function createUpdateSignal(): UpdateSignal {
  let waiting: ApplyUpdate | null = null;
  const listeners = new Set<(apply: ApplyUpdate) => void>();
  return {
    announce(apply) {
      waiting = apply;
      listeners.forEach((listener) => listener(apply));
    },
    subscribe(listener) {
      listeners.add(listener);
      if (waiting) listener(waiting);
      return () => listeners.delete(listener);
    },
  };
}

/** How to apply the waiting version, once the service worker has announced one. */
export function useWaitingUpdate(updates: UpdateSignal | undefined): ApplyUpdate | null {
  const [applyUpdate, setApplyUpdate] = useState<ApplyUpdate | null>(null);
  useEffect(() => updates?.subscribe((apply) => setApplyUpdate(() => apply)), [updates]);
  return applyUpdate;
}
