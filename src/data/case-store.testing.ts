/**
 * A real store over fake-indexeddb for tests (the unit setup loads it): a fresh database
 * per call, a fixed device and a clock the test moves. Screens' component tests may use
 * it too, instead of mocking CaseStore.
 */
import type { Case } from '../domain/case.ts';
import { buildNewCase } from '../domain/case.ts';
import type { HybridClock } from '../domain/hlc.ts';
import type { CaseIntake, CaseStore, DraftStore, StaffMember } from './case-store.ts';
import type { CaseDirectory } from './case-directory.ts';
import type { ReportSource } from './centre-report.ts';
import type { SakhiDatabase } from './database.ts';
import type { DeviceIdentity } from './device.ts';
import { openDraftStore } from './draft-repository.ts';
import { openCaseStore } from './open-case-store.ts';
import { openTestSealedDatabase } from './sealed-database.testing.ts';
import { openStoredClock } from './stored-clock.ts';

let databaseCount = 0;

export interface TestStore {
  /** Opened with testDataKey: rows seal and open as in the unlocked app. */
  readonly db: SakhiDatabase;
  readonly directory: CaseDirectory;
  /** Where a centre report reads this store's rows (centre-report.ts). */
  readonly reportSource: ReportSource;
  readonly cases: CaseStore;
  readonly drafts: DraftStore;
  readonly clock: HybridClock;
  readonly device: DeviceIdentity;
  readonly staff: StaffMember;
  /** The tablet's time in ms; tests move it. */
  time: number;
  /** A new store over the same database, as after closing and reopening the app. */
  reopen(): Promise<TestStore>;
}

const lucknowCentreId = '01900000-0000-7000-8000-00000000c001';

/** Lucknow (LKO) staff for tests, as a session would give them (session.ts, staffOfSession). */
export const testStaff = {
  caseworker: {
    userId: '01900000-0000-7000-8000-00000000a005',
    centreId: lucknowCentreId,
    districtCode: 'LKO',
    role: 'caseworker',
    displayName: 'डेमो केसवर्कर, लखनऊ',
  },
  manager: {
    userId: '01900000-0000-7000-8000-00000000a001',
    centreId: lucknowCentreId,
    districtCode: 'LKO',
    role: 'manager',
    displayName: 'डेमो केंद्र प्रबंधक, लखनऊ',
  },
} as const satisfies Record<string, StaffMember>;

export const testDevice: DeviceIdentity = {
  id: '0190a000-0000-7000-8000-0000000000d1',
  tag: 'K7',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export async function openTestStore(
  options: { name?: string; time?: number; staff?: StaffMember; device?: DeviceIdentity } = {},
): Promise<TestStore> {
  const name = options.name ?? `sakhi-test-${Date.now()}-${++databaseCount}`;
  const { db, raw, directory, sealer } = await openTestSealedDatabase(name);
  const device = options.device ?? testDevice;
  const staff = options.staff ?? testStaff.caseworker;
  const store = {
    db,
    directory,
    reportSource: { raw, sealer },
    device,
    staff,
    time: options.time ?? Date.parse('2026-03-10T05:00:00.000Z'),
  } as TestStore;
  const clock = await openStoredClock(db, device.id, () => store.time);
  const now = () => new Date(store.time);
  return Object.assign(store, {
    clock,
    cases: openCaseStore({ db, directory, staff, device, clock, now }),
    drafts: openDraftStore(db, now),
    reopen: async () => {
      db.close();
      raw.close();
      return openTestStore({ name, time: store.time, staff, device });
    },
  });
}

/** A valid intake with her name; override any field. */
export function sampleIntake(overrides: Partial<CaseIntake> = {}): CaseIntake {
  const full: Case = buildNewCase({
    id: '00000000-0000-0000-0000-000000000000',
    centreId: '00000000-0000-0000-0000-000000000000',
    caseNumber: 'LKO-2026-K7-0001',
    registeredAt: '2026-01-01T00:00:00.000Z',
    registeredBy: '00000000-0000-0000-0000-000000000000',
    arrivalRoute: 'walk_in',
    survivorName: 'सुनीता देवी',
  });
  const {
    id: _id,
    centreId: _centreId,
    caseNumber: _caseNumber,
    registeredAt: _registeredAt,
    registeredBy: _registeredBy,
    deleted: _deleted,
    ...intake
  } = full;
  return { ...intake, ...overrides };
}
