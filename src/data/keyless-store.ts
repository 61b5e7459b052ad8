/**
 * The part of the tablet's store that opens without the data key: the database (whose
 * sealed tables refuse every read and write, locked-rows.ts), the device's identity and
 * its clock. The service worker's locked push needs only this; it imports this module and
 * not local-store.ts, so the worker's one script never carries the sealed stores' code
 * (a classic worker cannot load a chunk later, so `unseal`'s lazy import would be inlined).
 */
import type { HybridClock } from '../domain/hlc.ts';
import { TABLET_DATABASE_NAME } from './database-names.ts';
import { SakhiDatabase } from './database.ts';
import { ensureDeviceIdentity, type DeviceIdentity } from './device.ts';
import { toStoreError } from './store-errors.ts';
import { openStoredClock } from './stored-clock.ts';

export interface KeylessStore {
  readonly device: DeviceIdentity;
  /** The keyless database: its sealed tables refuse every read and write (locked-rows.ts). */
  readonly database: SakhiDatabase;
  readonly clock: HybridClock;
  close(): void;
}

export interface KeylessStoreOptions {
  /** A different database name, for tests and benchmarks. */
  readonly databaseName?: string;
  readonly readDeviceTime?: () => number;
}

export async function openKeylessStore(options: KeylessStoreOptions = {}): Promise<KeylessStore> {
  const db = new SakhiDatabase(options.databaseName ?? TABLET_DATABASE_NAME);
  const readDeviceTime = options.readDeviceTime ?? (() => Date.now());
  try {
    await db.open();
    const device = await ensureDeviceIdentity(db, () => new Date(readDeviceTime()));
    const clock = await openStoredClock(db, device.id, readDeviceTime);
    return { device, database: db, clock, close: () => db.close() };
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
}
