import { useEffect, useState } from 'preact/hooks';
import { useStores } from './stores.ts';

export type LiveValue<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'failed'; readonly error: unknown };

/**
 * What `read` answers, kept current: read again whenever the store changes under it
 * (CaseStore.watch). When `deps` change the last answer stays on screen until the new
 * one arrives, so typing a search never blanks the list. `read` null: nothing to read yet.
 */
export function useLiveValue<T>(
  read: (() => Promise<T>) | null,
  deps: readonly unknown[],
): LiveValue<T> {
  const { caseStore } = useStores();
  const [live, setLive] = useState<LiveValue<T>>({ state: 'loading' });
  useEffect(() => {
    if (!read) return;
    return caseStore.watch(read, {
      next: (value) => setLive({ state: 'done', value }),
      error: (error) => setLive({ state: 'failed', error }),
    });
    // `read` is rebuilt on every render; `deps` say when it reads something else.
  }, [caseStore, ...deps]);
  return live;
}
