// Carries "a new version waits" from the service worker registration to the banner, which
// may render before or after the worker reports.
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
