import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeIndicatorReport } from '../domain/compute-indicators.ts';
import type { ReportPeriod } from '../domain/report-indicators.ts';
import { instantWindow, readCentreReport } from './centre-report.ts';
import { readEntry } from './case-file.ts';
import { readCase } from './case-repository.ts';
import type { EntryInput } from './case-store.ts';
import { openTestStore, sampleIntake, testStaff, type TestStore } from './case-store.testing.ts';
import { laterReferralBlanks } from '../domain/entries.ts';
import { sampleService } from '../domain/entries.testing.ts';

const december: ReportPeriod = { from: '2025-12', to: '2025-12' };
/** 10 January 2026, noon in India. */
const asOf = new Date('2026-01-10T06:30:00Z');

function service(givenAt: string): EntryInput<'service'> {
  return sampleService({ givenAt, durationMinutes: 30, notes: 'परामर्श' });
}

let store: TestStore;

beforeEach(async () => {
  store = await openTestStore({ staff: testStaff.manager });
});

afterEach(() => {
  store.db.close();
});

async function registerAt(instant: string, name = 'सुनीता देवी') {
  store.time = Date.parse(instant);
  return store.cases.registerCase(sampleIntake({ survivorName: name, survivorAgeYears: 16 }));
}

/** A centre's year: cases across months, entries long after their case, one removed case. */
async function fillYear() {
  const june = await registerAt('2025-06-01T06:00:00Z', 'रेखा');
  await store.cases.addEntry(june.id, 'service', service('2025-06-02T06:00:00Z'));
  await store.cases.addEntry(june.id, 'service', service('2025-12-04T06:00:00Z'));
  // Written down in June, due in December, never done: found only as a follow-up not done.
  await store.cases.addEntry(june.id, 'followUp', {
    dueDate: '2025-12-20',
    mode: 'phone',
    doneAt: null,
    outcome: null,
    notes: null,
  });
  await store.cases.addEntry(june.id, 'referral', {
    agency: 'dlsa',
    agencyName: null,
    ...laterReferralBlanks,
    status: 'planned',
    referredAt: null,
    contactPerson: null,
    notes: null,
    outcome: null,
  });
  store.time = Date.parse('2025-12-15T06:00:00Z');
  await store.cases.updateCase(june.id, {
    status: 'closed',
    closureReason: 'services_completed',
    closureRequestedBy: testStaff.manager.userId,
    closureRequestedAt: '2025-12-15T06:00:00.000Z',
    closureApprovedBy: testStaff.manager.userId,
    closureApprovedAt: '2025-12-15T06:00:00.000Z',
  });

  // Open since March, served in December: read only as the owner of a December entry.
  const march = await registerAt('2025-03-01T06:00:00Z', 'प्रिया');
  await store.cases.addEntry(march.id, 'service', service('2025-12-20T06:00:00Z'));

  // 31 December, 23:30 in India: December's.
  const newYearsEve = await registerAt('2025-12-31T18:00:00Z');
  await store.cases.addEntry(newYearsEve.id, 'stay', {
    admittedAt: '2025-12-31T18:10:00.000Z',
    plannedDischargeDate: '2026-01-05',
    extendedUntil: null,
    extensionReason: null,
    dischargedAt: null,
    dischargedTo: null,
  });
  await registerAt('2025-12-31T19:00:00Z');

  const removed = await registerAt('2025-12-05T06:00:00Z');
  await store.cases.addEntry(removed.id, 'service', service('2025-12-06T06:00:00Z'));
  await store.cases.removeCase(removed.id);
}

describe('readCentreReport', () => {
  it("counts the centre's December from its own store, offline", async () => {
    await fillYear();
    const figures = await readCentreReport(store.reportSource, store.staff, december, asOf);
    expect(figures.casesRegistered).toBe(1);
    expect(figures.byDistrict.LKO).toBe(1);
    expect(figures.minors).toBe(1);
    expect(figures.servicesByKind.counselling).toBe(2);
    expect(figures.stays).toEqual({ admissions: 1, averageLengthDays: null, overFiveDays: 1 });
    expect(figures.followUps).toEqual({ done: 0, overdue: 1 });
    expect(figures.referrals.byAgency.dlsa).toBe(0);
    expect(figures.closedByReason.services_completed).toBe(1);
    expect(figures.monthly).toEqual([
      { month: '2025-12', casesRegistered: 1, servicesGiven: 2, casesClosed: 1 },
    ]);
  });

  it('gives the same figures as counting every record on the tablet', async () => {
    await fillYear();
    const everyCase = (await store.db.cases.toArray()).map((row) => readCase(row.fields));
    const everyEntry = (await store.db.entries.toArray()).map(readEntry);
    const periods: ReportPeriod[] = [
      december,
      { from: '2025-06', to: '2025-06' },
      { from: '2026-01', to: '2026-01' },
      { from: '2025-01', to: '2025-12' },
      { from: '2024-01', to: '2024-03' },
    ];
    for (const period of periods) {
      expect(await readCentreReport(store.reportSource, store.staff, period, asOf)).toEqual(
        computeIndicatorReport(everyCase, everyEntry, period, asOf, () => 'LKO'),
      );
    }
  });

  it('opens no closed case and no follow-up not done from outside the period', async () => {
    await fillYear();
    // Registered in March, closed in April; a follow-up due in February, never done.
    const april = await registerAt('2025-03-02T06:00:00Z', 'कमला');
    const february = await store.cases.addEntry(april.id, 'followUp', {
      dueDate: '2025-02-20',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    store.time = Date.parse('2025-04-10T06:00:00Z');
    await store.cases.updateCase(april.id, {
      status: 'closed',
      closureReason: 'services_completed',
      closureRequestedBy: testStaff.manager.userId,
      closureRequestedAt: '2025-04-10T06:00:00.000Z',
      closureApprovedBy: testStaff.manager.userId,
      closureApprovedAt: '2025-04-10T06:00:00.000Z',
    });
    const opened: string[] = [];
    const { raw, sealer } = store.reportSource;
    const countingSealer = {
      ...sealer,
      openMany: (table: string, rows: readonly { id: string; sealed: Uint8Array }[]) => {
        opened.push(...rows.map((row) => row.id));
        return sealer.openMany(table, rows);
      },
    };
    const figures = await readCentreReport(
      { raw, sealer: countingSealer },
      store.staff,
      december,
      asOf,
    );
    expect(figures.closedByReason.services_completed).toBe(1);
    expect(figures.followUps.overdue).toBe(1);
    expect(opened).not.toContain(april.id);
    expect(opened).not.toContain(february.id);
    // April's own report still finds them.
    const aprilFigures = await readCentreReport(
      store.reportSource,
      store.staff,
      { from: '2025-04', to: '2025-04' },
      asOf,
    );
    expect(aprilFigures.closedByReason.services_completed).toBe(1);
    const februaryFigures = await readCentreReport(
      store.reportSource,
      store.staff,
      { from: '2025-02', to: '2025-02' },
      asOf,
    );
    expect(februaryFigures.followUps.overdue).toBe(1);
  });

  it('opens a row written before closedAt and dueOn existed, so none is missed', async () => {
    await fillYear();
    const raw = store.reportSource.raw;
    // As an older app wrote them: without the two columns.
    await raw
      .table('cases')
      .toCollection()
      .modify((row: Record<string, unknown>) => {
        delete row.closedAt;
      });
    await raw
      .table('entries')
      .toCollection()
      .modify((row: Record<string, unknown>) => {
        delete row.dueOn;
      });
    const figures = await readCentreReport(store.reportSource, store.staff, december, asOf);
    expect(figures.closedByReason.services_completed).toBe(1);
    expect(figures.followUps.overdue).toBe(1);
  });

  it("counts no other centre's cases", async () => {
    await registerAt('2025-12-03T06:00:00Z');
    const elsewhere = {
      centreId: '01900000-0000-7000-8000-00000000c0ff',
      districtCode: 'AGR',
    } as const;
    const figures = await readCentreReport(store.reportSource, elsewhere, december, asOf);
    expect(figures.casesRegistered).toBe(0);
    expect(figures.byDistrict.AGR).toBe(0);
  });
});

describe('instantWindow', () => {
  it('reaches a day beyond the first and last India midnight of the period', () => {
    expect(instantWindow(december)).toEqual({
      from: '2025-11-29T18:30:00.000Z',
      to: '2026-01-01T18:30:00.000Z',
    });
    expect(instantWindow({ from: '2025-03', to: '2025-11' }).to).toBe('2025-12-01T18:30:00.000Z');
  });
});
