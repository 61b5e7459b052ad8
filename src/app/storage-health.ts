// What the storage banner shows: whether the browser refused to keep our data for good,
// and whether the disk is nearly full.
import { useEffect, useState } from 'preact/hooks';
import { checkStorageHealth, requestPersistentStorage } from '../platform/storage.ts';

export interface StorageHealth {
  readonly isPersistenceRefused: boolean;
  /** Bytes the browser will still let us use, when it says. */
  readonly freeBytes: number | null;
  readonly isLow: boolean;
}

/** Asks for persistent storage (Chromium answers without a prompt) and reads the space left. */
export async function readStorageHealth(): Promise<StorageHealth> {
  const persistence = await requestPersistentStorage();
  const health = await checkStorageHealth();
  return {
    isPersistenceRefused: persistence === 'refused',
    freeBytes:
      health.usage !== null && health.quota !== null
        ? Math.max(0, health.quota - health.usage)
        : null,
    isLow: health.isLow,
  };
}

/** Read once when the app opens; null until the browser answers, or if it cannot. */
export function useStorageHealth(): StorageHealth | null {
  const [storageHealth, setStorageHealth] = useState<StorageHealth | null>(null);
  useEffect(() => {
    readStorageHealth().then(setStorageHealth, () => setStorageHealth(null));
  }, []);
  return storageHealth;
}
