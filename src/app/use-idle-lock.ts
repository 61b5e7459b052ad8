// The idle lock, watched by idle-watch.ts, which loads after the first screen: until it has
// loaded (a moment after start) nothing locks for idleness, and nothing has been idle yet.
import { useEffect, useRef } from 'preact/hooks';

/** `idleMinutes` null while the app is locked (or nobody is signed in): nothing to watch. */
export function useIdleLock(idleMinutes: number | null, lock: () => void): void {
  const lockRef = useRef(lock);
  lockRef.current = lock;

  useEffect(() => {
    if (idleMinutes === null) return;
    let isCurrent = true;
    let stop: (() => void) | null = null;
    import('./idle-watch.ts').then(
      ({ watchIdle }) => {
        if (isCurrent) stop = watchIdle(idleMinutes, () => lockRef.current());
      },
      (error: unknown) => console.warn('Sakhi: the idle lock did not load', error),
    );
    return () => {
      isCurrent = false;
      stop?.();
    };
  }, [idleMinutes]);
}
