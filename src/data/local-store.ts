/**
 * How the app gets its store: `openLocalStore()` once at start (page or service worker),
 * then `caseStore(staff)` once a staff member is known.
 *
 *   const local = await openLocalStore();
 *   const staff = (await local.currentStaff()) ?? (await local.chooseStaff(pickedUserId));
 *   const cases = local.caseStore(staff);   // CaseStore
 *   local.drafts;                           // DraftStore
 *
 * Until sign-in (issue 4) the staff member is a local demo one (demo-staff.ts); sign-in
 * will replace `currentStaff`/`chooseStaff` and nothing else.
 */
import { HybridClock } from '../domain/hlc.ts';
import type { CaseStore, DraftStore, StaffMember } from './case-store.ts';
import { SakhiDatabase } from './database.ts';
import { chooseDemoStaff, demoStaffMembers, loadDemoStaff } from './demo-staff.ts';
import { ensureDeviceIdentity, type DeviceIdentity } from './device.ts';
import { openDraftStore } from './draft-repository.ts';
import { openCaseStore } from './open-case-store.ts';
import { toStoreError } from './store-errors.ts';

export interface LocalStore {
  readonly device: DeviceIdentity;
  readonly drafts: DraftStore;
  /** Who may be chosen before sign-in exists. */
  readonly demoStaff: readonly StaffMember[];
  /** The staff member chosen on this tablet, or null on first start. */
  currentStaff(): Promise<StaffMember | null>;
  chooseStaff(userId: string): Promise<StaffMember>;
  caseStore(staff: StaffMember): CaseStore;
  /** For sync (issue 5) only: screens go through caseStore and drafts. */
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
    const snapshot = await db.meta.get('clock');
    const clock = new HybridClock(
      device.id,
      readDeviceTime,
      snapshot?.key === 'clock' ? snapshot.value : undefined,
    );
    const now = () => new Date(readDeviceTime() + clock.snapshot().offsetMs);
    return {
      device,
      drafts: openDraftStore(db, now),
      demoStaff: demoStaffMembers,
      currentStaff: () => loadDemoStaff(db),
      chooseStaff: (userId) => chooseDemoStaff(db, userId),
      caseStore: (staff) => openCaseStore({ db, staff, device, clock, now }),
      database: db,
      clock,
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
}
