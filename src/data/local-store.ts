/**
 * How the app gets its store: `openLocalStore()` once at start (page or service worker)
 * gives what is readable without the data key; `unseal(dataKey)` gives the rest, once
 * someone has unlocked.
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
import type { HybridClock } from '../domain/hlc.ts';
import { SakhiDatabase } from './database.ts';
import { ensureDeviceIdentity, type DeviceIdentity } from './device.ts';
import { eraseCentreData, type ErasedCentreData } from './erase-centre-data.ts';
import { readServerIsDemo, rememberServerIsDemo } from './server-facts.ts';
import type { SignedInSession } from './session.ts';
import { toStoreError } from './store-errors.ts';
import { openStoredClock } from './stored-clock.ts';
import type { UnsealedStore } from './unsealed-store.ts';
import { TABLET_DATABASE_NAME } from './database-names.ts';

export type { ErasedCentreData, UnsealedStore };

export interface LocalStore {
  readonly device: DeviceIdentity;
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
   * (read it through `unseal`). The service worker no longer needs it: it pushes sealed
   * and signed (src/sync/locked-push.ts).
   */
  readSession(): Promise<SignedInSession | null>;
  readServerIsDemo(): Promise<boolean>;
  rememberServerIsDemo(isDemo: boolean): Promise<void>;
  /** The keyless database: its sealed tables refuse every read and write (locked-rows.ts). */
  readonly database: SakhiDatabase;
  readonly clock: HybridClock;
  close(): void;
}

export interface LocalStoreOptions {
  /** A different database name, for tests and benchmarks. */
  readonly databaseName?: string;
  readonly readDeviceTime?: () => number;
}

export async function openLocalStore(options: LocalStoreOptions = {}): Promise<LocalStore> {
  const databaseName = options.databaseName ?? TABLET_DATABASE_NAME;
  const db = new SakhiDatabase(databaseName);
  const readDeviceTime = options.readDeviceTime ?? (() => Date.now());
  try {
    await db.open();
    const device = await ensureDeviceIdentity(db, () => new Date(readDeviceTime()));
    const clock = await openStoredClock(db, device.id, readDeviceTime);
    return {
      device,
      unseal: async (dataKey) => {
        const { openUnsealedStore } = await import('./unsealed-store.ts');
        return openUnsealedStore({ databaseName, dataKey, device, clock });
      },
      eraseCentreData: () => eraseCentreData(db),
      readSession: () => readClearSession(db),
      readServerIsDemo: () => readServerIsDemo(db),
      rememberServerIsDemo: (isDemo) => rememberServerIsDemo(db, isDemo),
      database: db,
      clock,
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
}

async function readClearSession(db: SakhiDatabase): Promise<SignedInSession | null> {
  try {
    const stored = await db.meta.get('session');
    return stored?.key === 'session' && stored.value !== undefined ? stored.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}
