/**
 * How the page gets its store: `openLocalStore()` once at start gives what is readable
 * without the data key; `unseal(dataKey)` gives the rest, once someone has unlocked. (The
 * service worker opens only the keyless part, keyless-store.ts.)
 *
 *   const local = await openLocalStore();                  // device, clock, server facts
 *   const unsealed = await local.unseal(dataKey);          // after the PIN unwrapped the key
 *   const session = await unsealed.readSession();          // null: show the sign-in screen
 *   const staff = session && staffOfSession(session);      // null for headquarters accounts
 *   const cases = unsealed.caseStore(staff, session.deviceTag);
 *   unsealed.lock();                                       // idle, hidden, "switch user"
 *
 * What must always hold: nothing sealed is readable through the keyless store (its
 * database refuses, locked-rows.ts), and the sealing code loads only with `unseal`.
 */
import { TABLET_DATABASE_NAME } from './database-names.ts';
import type { SakhiDatabase } from './database.ts';
import { eraseCentreData, type ErasedCentreData } from './erase-centre-data.ts';
import { openKeylessStore, type KeylessStore, type KeylessStoreOptions } from './keyless-store.ts';
import { readServerIsDemo, rememberServerIsDemo } from './server-facts.ts';
import type { SignedInSession } from './session.ts';
import { toStoreError } from './store-errors.ts';
import type { UnsealedStore } from './unsealed-store.ts';

export type { ErasedCentreData, UnsealedStore };

export interface LocalStore extends KeylessStore {
  /** Opens the sealed stores with the tablet's data key (32 bytes). */
  unseal(dataKey: Uint8Array): Promise<UnsealedStore>;
  /**
   * Erases the centre's cases, entries, drafts, conflicts, session and sync cursor before
   * the tablet serves another centre; refuses (`outbox_not_empty`) while anything waits
   * for headquarters (erase-centre-data.ts). Lock any unsealed store first.
   */
  eraseCentreData(): Promise<ErasedCentreData>;
  /**
   * The session only while it is still a clear row from before sealing; null once sealed
   * (read it through `unseal`). The service worker does not need it: it pushes sealed
   * and signed (src/sync/locked-push.ts) over the keyless store alone (keyless-store.ts).
   */
  readSession(): Promise<SignedInSession | null>;
  readServerIsDemo(): Promise<boolean>;
  rememberServerIsDemo(isDemo: boolean): Promise<void>;
}

export type LocalStoreOptions = KeylessStoreOptions;

export async function openLocalStore(options: LocalStoreOptions = {}): Promise<LocalStore> {
  const databaseName = options.databaseName ?? TABLET_DATABASE_NAME;
  const keyless = await openKeylessStore(options);
  const { device, clock, database: db } = keyless;
  return {
    ...keyless,
    unseal: async (dataKey) => {
      const { openUnsealedStore } = await import('./unsealed-store.ts');
      return openUnsealedStore({ databaseName, dataKey, device, clock });
    },
    eraseCentreData: () => eraseCentreData(db),
    readSession: () => readClearSession(db),
    readServerIsDemo: () => readServerIsDemo(db),
    rememberServerIsDemo: (isDemo) => rememberServerIsDemo(db, isDemo),
  };
}

async function readClearSession(db: SakhiDatabase): Promise<SignedInSession | null> {
  try {
    const stored = await db.meta.get('session');
    return stored?.key === 'session' && stored.value !== undefined ? stored.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}
