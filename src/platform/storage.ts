/**
 * Storage persistence and space on the tablet (docs/design.md, "On the tablet": ask for
 * persistent storage, warn when storage is low).
 *
 * Without persistence the browser may evict the whole IndexedDB store under disk pressure,
 * taking unsynced cases with it; so the app asks once on first run and shows staff when
 * the browser refused. Works in the page and the service worker (`navigator` exists in
 * both; there is no `window` here). The fake for tests is storage.testing.ts.
 */

/** The slice of the StorageManager API Sakhi uses, so tests can pass a fake. */
export interface StoragePlatform {
  persist(): Promise<boolean>;
  persisted(): Promise<boolean>;
  estimate(): Promise<{ usage?: number; quota?: number }>;
}

export interface StorageHealth {
  /** The browser promised not to evict Sakhi's data under disk pressure. */
  readonly isPersisted: boolean;
  /** Free space is under `lowFreeFraction` of the quota or under `lowFreeBytes`. */
  readonly isLow: boolean;
  /** Bytes used by this origin; null when the browser does not say. */
  readonly usage: number | null;
  /** Bytes this origin may use; null when the browser does not say. */
  readonly quota: number | null;
}

export const lowFreeFraction = 0.1;
export const lowFreeBytes = 50 * 1024 * 1024;

/** The browser's StorageManager, or null where there is none (old browsers, plain Node). */
export function browserStorage(): StoragePlatform | null {
  const storage = (globalThis as { navigator?: { storage?: Partial<StoragePlatform> } }).navigator
    ?.storage;
  if (!storage?.persist || !storage.persisted || !storage.estimate) return null;
  return storage as StoragePlatform;
}

export type PersistenceResult = 'persisted' | 'refused' | 'unsupported';

/**
 * Asks for persistent storage unless already granted. Chromium decides without a prompt
 * (an installed app is usually granted); a refusal is worth telling staff about.
 */
export async function requestPersistentStorage(
  storage: StoragePlatform | null = browserStorage(),
): Promise<PersistenceResult> {
  if (storage === null) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'refused';
  } catch {
    return 'refused';
  }
}

export async function checkStorageHealth(
  storage: StoragePlatform | null = browserStorage(),
): Promise<StorageHealth> {
  if (storage === null) return { isPersisted: false, isLow: false, usage: null, quota: null };
  const noEstimate: { usage?: number; quota?: number } = {};
  const [isPersisted, estimate] = await Promise.all([
    storage.persisted().catch(() => false),
    storage.estimate().catch(() => noEstimate),
  ]);
  const usage = estimate.usage ?? null;
  const quota = estimate.quota ?? null;
  return { isPersisted, isLow: isStorageLow(usage, quota), usage, quota };
}

export function isStorageLow(usage: number | null, quota: number | null): boolean {
  if (usage === null || quota === null || quota <= 0) return false;
  const free = Math.max(0, quota - usage);
  return free < quota * lowFreeFraction || free < lowFreeBytes;
}
