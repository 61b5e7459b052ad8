/**
 * How the app gets its store: `openLocalStore()` once at start (page or service worker),
 * then `caseStore(staff, deviceTag)` once someone is signed in.
 *
 *   const local = await openLocalStore();
 *   const session = await local.readSession();          // null: show the sign-in screen
 *   const staff = session && staffOfSession(session);   // null for headquarters accounts
 *   const cases = local.caseStore(staff, session.deviceTag);
 *   local.drafts;                                       // DraftStore
 *
 * The session is local (session.ts), so a tablet that signed in once opens offline.
 */
import type { HybridClock } from '../domain/hlc.ts';
import type { CaseStore, DraftStore, StaffMember } from './case-store.ts';
import { SakhiDatabase } from './database.ts';
import { ensureDeviceIdentity, type DeviceIdentity } from './device.ts';
import { openDraftStore } from './draft-repository.ts';
import { openCaseStore } from './open-case-store.ts';
import { readServerIsDemo, rememberServerIsDemo } from './server-facts.ts';
import { clearSession, readSession, saveSession, type SignedInSession } from './session.ts';
import { toStoreError } from './store-errors.ts';
import { openStoredClock, readCorrectedNow, inClockTransaction } from './stored-clock.ts';

export interface LocalStore {
  readonly device: DeviceIdentity;
  readonly drafts: DraftStore;
  /** The session of whoever signed in last on this tablet, or null. */
  readSession(): Promise<SignedInSession | null>;
  /**
   * Keeps a new sign-in, and sets the clock's offset from the server's time in the same
   * transaction (docs/design.md, "Clocks"), so the first case is stamped and numbered right.
   */
  startSession(session: SignedInSession, serverTimeMs: number): Promise<void>;
  /** Forgets the session only: cases, drafts and the outbox stay (session.ts). */
  endSession(): Promise<void>;
  /** New cases get `deviceTag` (the server's tag for this tablet) in their numbers. */
  caseStore(staff: StaffMember, deviceTag: string): CaseStore;
  readServerIsDemo(): Promise<boolean>;
  rememberServerIsDemo(isDemo: boolean): Promise<void>;
  /** For sync only: screens go through caseStore and drafts. */
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
  const db = new SakhiDatabase(options.databaseName ?? 'sakhi');
  const readDeviceTime = options.readDeviceTime ?? (() => Date.now());
  try {
    await db.open();
    const device = await ensureDeviceIdentity(db, () => new Date(readDeviceTime()));
    const clock = await openStoredClock(db, device.id, readDeviceTime);
    const now = () => readCorrectedNow(clock);
    const startSession = async (session: SignedInSession, serverTimeMs: number) => {
      try {
        await inClockTransaction(db, [], clock, async () => {
          clock.adoptServerTime(serverTimeMs);
          await saveSession(db, session);
        });
      } catch (error) {
        throw toStoreError(error);
      }
    };
    return {
      device,
      drafts: openDraftStore(db, now),
      readSession: () => readSession(db),
      startSession,
      endSession: () => clearSession(db),
      caseStore: (staff, deviceTag) =>
        openCaseStore({ db, staff, device: { ...device, tag: deviceTag }, clock, now }),
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
