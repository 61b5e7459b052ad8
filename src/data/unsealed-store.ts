/**
 * The store once the data key is in memory: `local.unseal(dataKey)` (local-store.ts)
 * loads this module, so the sealing code (and @noble/ciphers) never weighs on the screen
 * shown before unlock.
 *
 * What must always hold:
 * - Everything read or saved here goes through one database opened with the sealing
 *   middleware: no sealed table is touched any other way while unlocked.
 * - Before the store is handed out, rows written before sealing have been sealed
 *   (legacy-sealing.ts) and the case directory holds every case (case-directory.ts).
 * - `lock()` forgets the key, empties the directory and closes the database: every
 *   later call fails with `locked` or a closed database, never with a survivor's data.
 */
import type { HybridClock } from '../domain/hlc.ts';
import type { IndicatorReport, ReportPeriod } from '../domain/report-indicators.ts';
import type { ReportCentre } from './centre-report.ts';
import { followOtherTabs, openCaseBroadcast } from './case-broadcast.ts';
import { CaseDirectory } from './case-directory.ts';
import { readEveryListing } from './case-listings.ts';
import type { CaseStore, DraftStore, StaffMember } from './case-store.ts';
import { SakhiDatabase } from './database.ts';
import type { DeviceIdentity } from './device.ts';
import { openDraftStore } from './draft-repository.ts';
import { rawRows, sealLegacyRows } from './legacy-sealing.ts';
import { openCaseStore } from './open-case-store.ts';
import { createRowSealer, type RowSealer } from './row-sealing.ts';
import { sealingMiddleware } from './sealing-middleware.ts';
import {
  activateSession,
  clearSession,
  readSession,
  saveSession,
  type SignedInSession,
} from './session.ts';
import { toStoreError } from './store-errors.ts';
import { inClockTransaction, readCorrectedNow } from './stored-clock.ts';
import type { StoreOptions } from './write-transaction.ts';

export interface UnsealedStore {
  readonly drafts: DraftStore;
  /** New cases get `deviceTag` (the server's tag for this tablet) in their numbers. */
  caseStore(staff: StaffMember, deviceTag: string): CaseStore;
  /** The session of whoever signed in last on this tablet, or null. */
  readSession(): Promise<SignedInSession | null>;
  /**
   * Keeps a new sign-in, and sets the clock's offset from the server's time in the same
   * transaction (docs/design.md, "Clocks"), so the first case is stamped and numbered right.
   */
  startSession(session: SignedInSession, serverTimeMs: number): Promise<void>;
  /** Forgets the session only: cases, drafts and the outbox stay (session.ts). */
  endSession(): Promise<void>;
  /** Makes her kept session the active one after her PIN unlocked (session.ts). */
  activateSession(userId: string): Promise<SignedInSession | null>;
  /** What other stores of the unlocked app are opened with (sync review, sync). */
  storeOptions(staff: StaffMember, deviceTag: string): StoreOptions;
  /** For sync only: reads and writes through the seal. Screens go through caseStore. */
  readonly database: SakhiDatabase;
  readonly clock: HybridClock;
  readonly directory: CaseDirectory;
  /** The centre's figures from this tablet's records (centre-report.ts, loaded on first use). */
  readCentreReport(
    centre: ReportCentre,
    period: ReportPeriod,
    asOf: Date,
  ): Promise<IndicatorReport>;
  /** How long building the directory took at unseal, ms (the bench reports it). */
  readonly directoryBuildMs: number;
  lock(): void;
}

export interface UnsealOptions {
  readonly databaseName: string;
  readonly dataKey: Uint8Array;
  readonly device: DeviceIdentity;
  readonly clock: HybridClock;
}

export interface SealedDatabase {
  readonly db: SakhiDatabase;
  readonly directory: CaseDirectory;
  readonly sealer: RowSealer;
  /** The same database without the seal: for bulk reads opened with `sealer.openMany`. */
  readonly raw: SakhiDatabase;
  readonly directoryBuildMs: number;
  /** Stops hearing other tabs' saves and closes the database (at lock). */
  readonly close: () => void;
}

/** The database with the sealing middleware, legacy rows sealed and the directory built. */
export async function openSealedDatabase(
  databaseName: string,
  dataKey: Uint8Array,
): Promise<SealedDatabase> {
  const sealer = createRowSealer(dataKey);
  const directory = new CaseDirectory();
  const broadcast = openCaseBroadcast(databaseName);
  const db = new SakhiDatabase(databaseName, {
    rows: sealingMiddleware(sealer, directory, broadcast),
  });
  const raw = new SakhiDatabase(databaseName, { rows: rawRows });
  try {
    await Promise.all([db.open(), raw.open()]);
    await sealLegacyRows(raw, sealer);
    const started = performance.now();
    directory.putCases(await readEveryListing(raw, sealer));
    const stopFollowing = followOtherTabs(db, directory);
    const close = () => {
      stopFollowing();
      broadcast.close();
      raw.close();
      db.close();
    };
    return { db, raw, directory, sealer, directoryBuildMs: performance.now() - started, close };
  } catch (error) {
    sealer.forget();
    broadcast.close();
    raw.close();
    db.close();
    throw toStoreError(error);
  }
}

export async function openUnsealedStore(options: UnsealOptions): Promise<UnsealedStore> {
  const { device, clock } = options;
  const { db, raw, directory, sealer, directoryBuildMs, close } = await openSealedDatabase(
    options.databaseName,
    options.dataKey,
  );
  const now = () => readCorrectedNow(clock);
  const storeOptions = (staff: StaffMember, deviceTag: string): StoreOptions => ({
    db,
    directory,
    staff,
    device: { ...device, tag: deviceTag },
    clock,
    now,
  });
  return {
    drafts: openDraftStore(db, now),
    caseStore: (staff, deviceTag) => openCaseStore(storeOptions(staff, deviceTag)),
    readSession: () => readSession(db),
    startSession: async (session, serverTimeMs) => {
      try {
        await inClockTransaction(db, [], clock, async () => {
          clock.adoptServerTime(serverTimeMs);
          await saveSession(db, session);
        });
      } catch (error) {
        throw toStoreError(error);
      }
    },
    endSession: () => clearSession(db),
    activateSession: (userId) => activateSession(db, userId),
    storeOptions,
    database: db,
    clock,
    directory,
    readCentreReport: async (centre, period, asOf) => {
      const { readCentreReport } = await import('./centre-report.ts');
      return readCentreReport({ raw, sealer }, centre, period, asOf);
    },
    directoryBuildMs,
    lock: () => {
      sealer.forget();
      directory.drop();
      close();
    },
  };
}
