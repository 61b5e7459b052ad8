import { useEffect, useState } from 'preact/hooks';

/**
 * A value from the store (e.g. how many saved changes still wait for headquarters), read
 * again every few seconds and whenever `refreshKey` changes (a new screen, a sync run).
 */
export function usePolledValue<T>(
  readValue: (() => Promise<T>) | null,
  refreshKey: unknown,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!readValue) return;
    let isCurrent = true;
    const read = () => {
      readValue().then(
        (next) => isCurrent && setValue(next),
        () => isCurrent && setValue(null),
      );
    };
    read();
    const timer = setInterval(read, 3000);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [readValue, refreshKey]);
  return value;
}
