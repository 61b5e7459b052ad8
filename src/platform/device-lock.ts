/**
 * One holder at a time per device, across tabs and the service worker: the Web Locks API
 * (`navigator.locks`), which exists in pages and workers alike. Where it is missing (plain
 * Node in tests, very old browsers) an in-process queue gives the same guarantee within
 * one JavaScript realm, which is all such an environment has.
 */

export type WithDeviceLock = <T>(name: string, work: () => Promise<T>) => Promise<T>;

interface LockManagerSlice {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export function browserDeviceLock(): WithDeviceLock {
  const locks = (globalThis as { navigator?: { locks?: LockManagerSlice } }).navigator?.locks;
  if (locks) return (name, work) => locks.request(name, work);
  return inProcessDeviceLock();
}

/** Queues holders of the same name one after another; a failed holder releases the lock. */
export function inProcessDeviceLock(): WithDeviceLock {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    tails.set(name, current);
    try {
      return await current;
    } finally {
      if (tails.get(name) === current) tails.delete(name);
    }
  };
}
