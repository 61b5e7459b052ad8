import { useEffect, useState } from 'preact/hooks';

export function useOnline(): boolean {
  const [isOnline, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return isOnline;
}

/** How many saved changes still wait for headquarters; read again every few seconds and on every screen change. */
export function usePendingChanges(
  count: (() => Promise<number>) | null,
  refreshKey: unknown,
): number | null {
  const [pending, setPending] = useState<number | null>(null);
  useEffect(() => {
    if (!count) return;
    let isCurrent = true;
    const read = () => {
      count().then(
        (n) => isCurrent && setPending(n),
        () => isCurrent && setPending(null),
      );
    };
    read();
    const timer = setInterval(read, 3000);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [count, refreshKey]);
  return pending;
}
