/**
 * The device's clock as every context on the tablet shares it: its snapshot in `meta`,
 * and the corrected time the tablet dates things with.
 *
 * What must always hold:
 * - The snapshot in `meta` is the one every tab and the service worker start from:
 *   whoever changes the in-memory clock inside a transaction first takes in the stored
 *   snapshot (another context may have moved it) and writes it back before the
 *   transaction ends (`inClockTransaction`), so two contexts never issue stamps out of order.
 * - "Now" is the clock's own device time plus its offset from the server
 *   (`readCorrectedNow`), never `Date.now()` beside it: a clock given another time source
 *   (a test, a benchmark) dates rows by the very time it stamps them with.
 */
import type { Table } from 'dexie';
import { HybridClock, type ClockSnapshot } from '../domain/hlc.ts';
import type { SakhiDatabase } from './database.ts';

/** The corrected time: device time plus the clock's last measured offset from the server. */
export function readCorrectedNow(clock: HybridClock): Date {
  return new Date(clock.readCorrectedTime());
}

export async function readStoredClock(db: SakhiDatabase): Promise<ClockSnapshot | undefined> {
  const stored = await db.meta.get('clock');
  return stored?.key === 'clock' ? stored.value : undefined;
}

/** The device's clock, resumed from the stored snapshot (a new device starts from none). */
export async function openStoredClock(
  db: SakhiDatabase,
  deviceId: string,
  readDeviceTime?: () => number,
): Promise<HybridClock> {
  return new HybridClock(deviceId, readDeviceTime, await readStoredClock(db));
}

/** Call inside a transaction that includes `meta`. */
export async function takeInStoredClock(db: SakhiDatabase, clock: HybridClock): Promise<void> {
  const stored = await readStoredClock(db);
  if (stored !== undefined && stored.last !== null) clock.observe(stored.last);
}

/** Call inside a transaction that includes `meta`. */
export async function storeClock(db: SakhiDatabase, clock: HybridClock): Promise<void> {
  await db.meta.put({ key: 'clock', value: clock.snapshot() });
}

/**
 * `work` in one read-write transaction over `tables` and `meta`, with the clock taken in
 * from `meta` before it and stored after it: the snapshot and what `work` wrote commit
 * together or not at all.
 */
export function inClockTransaction<T>(
  db: SakhiDatabase,
  tables: readonly Table[],
  clock: HybridClock,
  work: () => T | Promise<T>,
): Promise<T> {
  return db.transaction('rw', [...tables, db.meta], async () => {
    await takeInStoredClock(db, clock);
    const result = await work();
    await storeClock(db, clock);
    return result;
  });
}
