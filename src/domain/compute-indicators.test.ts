import { describe, expect, it } from 'vitest';
import { buildNewCase, type Case } from './case.ts';
import {
  ageAtRegistration,
  computeIndicatorReport,
  monthOf,
  monthsOf,
} from './compute-indicators.ts';
import { districts } from './districts.ts';
import {
  laterReferralBlanks,
  type Entry,
  type FollowUpEntry,
  type ReferralEntry,
  type ServiceEntry,
  type StayEntry,
} from './entries.ts';
import { sampleService } from './entries.testing.ts';
import { indicatorReportSchema, type ReportPeriod } from './report-indicators.ts';

const lucknowCentre = '0190a1b2-c3d4-7e5f-8a6b-00000000c001';
const agraCentre = '0190a1b2-c3d4-7e5f-8a6b-00000000c002';
const staffId = '0190a1b2-c3d4-7e5f-8a6b-000000000001';
const districtOf = (centreId: string) =>
  centreId === lucknowCentre ? 'LKO' : centreId === agraCentre ? 'AGR' : null;

const december: ReportPeriod = { from: '2025-12', to: '2025-12' };
const winter: ReportPeriod = { from: '2025-11', to: '2026-01' };
/** 10 January 2026, noon in India. */
const asOf = new Date('2026-01-10T06:30:00Z');

let serial = 0;
function nextId(): string {
  serial++;
  return `0190a1b2-c3d4-7e5f-8a6b-${serial.toString(16).padStart(12, '0')}`;
}

function aCase(registeredAt: string, changes: Partial<Case> = {}): Case {
  return {
    ...buildNewCase({
      id: nextId(),
      centreId: lucknowCentre,
      caseNumber: `LKO-2025-K7-${String(serial).padStart(4, '0')}`,
      registeredAt,
      registeredBy: staffId,
      arrivalRoute: 'walk_in',
      survivorName: 'Sunita Devi',
    }),
    ...changes,
  };
}

function entryBase(of: Case) {
  return {
    id: nextId(),
    caseId: of.id,
    centreId: of.centreId,
    recordedAt: of.registeredAt,
    recordedBy: staffId,
    deleted: false,
  };
}

function aService(of: Case, givenAt: string, changes: Partial<ServiceEntry> = {}): Entry {
  const entry: ServiceEntry = {
    ...entryBase(of),
    ...sampleService({ givenAt, givenBy: staffId }),
    ...changes,
  };
  return { entryType: 'service', entry };
}

function aStay(of: Case, admittedAt: string, dischargedAt: string | null): Entry {
  const entry: StayEntry = {
    ...entryBase(of),
    admittedAt,
    plannedDischargeDate: '2025-12-31',
    extendedUntil: null,
    extensionReason: null,
    dischargedAt,
    dischargedTo: dischargedAt === null ? null : 'parents_home',
  };
  return { entryType: 'stay', entry };
}

function aReferral(
  of: Case,
  referredAt: string | null,
  changes: Partial<ReferralEntry> = {},
): Entry {
  const entry: ReferralEntry = {
    ...entryBase(of),
    agency: 'police',
    agencyName: null,
    ...laterReferralBlanks,
    status: referredAt === null ? 'planned' : 'sent',
    referredAt,
    contactPerson: null,
    notes: null,
    outcome: null,
    ...changes,
  };
  return { entryType: 'referral', entry };
}

function aFollowUp(of: Case, dueDate: string, doneAt: string | null): Entry {
  const entry: FollowUpEntry = {
    ...entryBase(of),
    dueDate,
    mode: 'phone',
    doneAt,
    outcome: null,
    notes: null,
  };
  return { entryType: 'followUp', entry };
}

function report(
  cases: readonly Case[],
  entries: readonly Entry[] = [],
  period: ReportPeriod = december,
) {
  return computeIndicatorReport(cases, entries, period, asOf, districtOf);
}

describe('computeIndicatorReport: cases registered', () => {
  it('counts a case registered on 31 December at 23:30 in India in December, not January', () => {
    // 23:30 IST on 31 December is 18:00 UTC the same day; 00:30 IST on 1 January is 19:00 UTC.
    const lateNewYearsEve = aCase('2025-12-31T18:00:00Z');
    const justAfterMidnight = aCase('2025-12-31T19:00:00Z');
    // 1 December 00:10 IST is still 30 November in UTC.
    const firstMinutesOfDecember = aCase('2025-11-30T18:40:00Z');
    const figures = report([lateNewYearsEve, justAfterMidnight, firstMinutesOfDecember]);
    expect(figures.casesRegistered).toBe(2);
    expect(
      report([justAfterMidnight], [], { from: '2026-01', to: '2026-01' }).casesRegistered,
    ).toBe(1);
  });

  it('leaves out a removed case and every entry of it', () => {
    const removed = aCase('2025-12-05T06:00:00Z', {
      deleted: true,
      status: 'closed',
      closureApprovedAt: '2025-12-20T06:00:00Z',
    });
    const figures = report(
      [removed],
      [
        aService(removed, '2025-12-06T06:00:00Z'),
        aStay(removed, '2025-12-06T06:00:00Z', null),
        aReferral(removed, '2025-12-06T06:00:00Z'),
        aFollowUp(removed, '2025-12-07', '2025-12-07T06:00:00Z'),
      ],
    );
    expect(figures.casesRegistered).toBe(0);
    expect(figures.servicesByKind.counselling).toBe(0);
    expect(figures.stays.admissions).toBe(0);
    expect(figures.referrals.byAgency.police).toBe(0);
    expect(figures.followUps.done).toBe(0);
    expect(figures.closedByReason.none_recorded).toBe(0);
  });

  it('leaves out a removed entry, and an entry whose case it was not given', () => {
    const kept = aCase('2025-12-05T06:00:00Z');
    const elsewhere = aCase('2025-12-05T06:00:00Z');
    const removedService = aService(kept, '2025-12-06T06:00:00Z');
    const figures = report(
      [kept],
      [
        {
          entryType: 'service',
          entry: { ...(removedService.entry as ServiceEntry), deleted: true },
        },
        aService(elsewhere, '2025-12-06T06:00:00Z'),
        aService(kept, '2025-12-07T06:00:00Z'),
      ],
    );
    expect(figures.servicesByKind.counselling).toBe(1);
  });

  it('counts each violence type a case names, and none_recorded for a case naming none', () => {
    const figures = report([
      aCase('2025-12-02T06:00:00Z', { violenceTypes: ['domestic_violence', 'dowry'] }),
      aCase('2025-12-03T06:00:00Z', { violenceTypes: ['domestic_violence'] }),
      aCase('2025-12-04T06:00:00Z', { violenceTypes: null }),
    ]);
    expect(figures.byViolenceType.domestic_violence).toBe(2);
    expect(figures.byViolenceType.dowry).toBe(1);
    expect(figures.byViolenceType.none_recorded).toBe(1);
    expect(figures.byViolenceType.acid_attack).toBe(0);
  });

  it('groups ages at registration and counts minors apart', () => {
    const figures = report([
      aCase('2025-12-02T06:00:00Z', { survivorAgeYears: 15 }),
      aCase('2025-12-02T06:00:00Z', { survivorAgeYears: 17 }),
      aCase('2025-12-02T06:00:00Z', { survivorAgeYears: 18 }),
      aCase('2025-12-02T06:00:00Z', { survivorAgeYears: 44 }),
      aCase('2025-12-02T06:00:00Z', { survivorAgeYears: 72 }),
      // No age given; born 10 December 2008: 16 when registered on 2 December 2025.
      aCase('2025-12-02T06:00:00Z', { survivorDateOfBirth: '2008-12-10' }),
      aCase('2025-12-02T06:00:00Z'),
    ]);
    expect(figures.byAgeGroup).toEqual({
      under_18: 3,
      '18_to_29': 1,
      '30_to_44': 1,
      '45_to_59': 0,
      '60_and_over': 1,
      unknown: 1,
    });
    expect(figures.minors).toBe(3);
  });

  it('groups arrival routes as the monthly form asks', () => {
    const figures = report([
      aCase('2025-12-02T06:00:00Z', { arrivalRoute: 'helpline_181' }),
      aCase('2025-12-02T06:00:00Z', { arrivalRoute: 'walk_in' }),
      aCase('2025-12-02T06:00:00Z', { arrivalRoute: 'police' }),
      aCase('2025-12-02T06:00:00Z', { arrivalRoute: 'helpline_112' }),
      aCase('2025-12-02T06:00:00Z', { arrivalRoute: 'court' }),
    ]);
    expect(figures.byArrivalRoute).toEqual({
      helpline_181: 1,
      police: 1,
      self: 1,
      hospital: 0,
      other: 2,
    });
  });

  it('counts by the district of the registering centre, with all 75 districts present', () => {
    const figures = report([
      aCase('2025-12-02T06:00:00Z'),
      aCase('2025-12-02T06:00:00Z', { centreId: agraCentre }),
      aCase('2025-12-02T06:00:00Z', { centreId: agraCentre }),
      aCase('2025-12-02T06:00:00Z', { centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000cfff' }),
    ]);
    expect(Object.keys(figures.byDistrict)).toHaveLength(75);
    expect(Object.keys(figures.byDistrict).sort()).toEqual(districts.map((d) => d.code).sort());
    expect(figures.byDistrict.LKO).toBe(1);
    expect(figures.byDistrict.AGR).toBe(2);
    expect(figures.byDistrict.VNS).toBe(0);
    // A centre of no known district still counts in the total.
    expect(figures.casesRegistered).toBe(4);
  });
});

describe('computeIndicatorReport: entries', () => {
  const her = aCase('2025-10-02T06:00:00Z');

  it('counts services by kind when given in the period, in India time', () => {
    const figures = report(
      [her],
      [
        aService(her, '2025-12-31T18:00:00Z', { kind: 'medical_aid' }),
        aService(her, '2025-12-31T19:00:00Z', { kind: 'medical_aid' }),
        aService(her, '2025-12-10T06:00:00Z', { kind: 'legal_aid' }),
        aService(her, '2025-12-11T06:00:00Z', { kind: 'legal_aid' }),
      ],
    );
    expect(figures.servicesByKind.medical_aid).toBe(1);
    expect(figures.servicesByKind.legal_aid).toBe(2);
    expect(figures.servicesByKind.rescue).toBe(0);
  });

  it('counts admissions, the average stay of those discharged and stays over 5 days', () => {
    const figures = report(
      [her],
      [
        // 1 → 3 December: 2 days.
        aStay(her, '2025-12-01T06:00:00Z', '2025-12-03T12:00:00Z'),
        // 10 December 23:00 IST → 17 December: 7 days, over the limit.
        aStay(her, '2025-12-10T17:30:00Z', '2025-12-17T04:00:00Z'),
        // Admitted 28 December, still in on 10 January: 13 days so far.
        aStay(her, '2025-12-28T06:00:00Z', null),
        // 20 → 25 December: exactly 5 days is within the limit.
        aStay(her, '2025-12-20T06:00:00Z', '2025-12-25T06:00:00Z'),
        // Admitted in November: not this period's admission.
        aStay(her, '2025-11-20T06:00:00Z', '2025-12-02T06:00:00Z'),
      ],
    );
    expect(figures.stays).toEqual({ admissions: 4, averageLengthDays: 4.7, overFiveDays: 2 });
  });

  it('has no average stay when no admission was discharged', () => {
    const figures = report([her], [aStay(her, '2025-12-08T06:00:00Z', null)]);
    expect(figures.stays).toEqual({ admissions: 1, averageLengthDays: null, overFiveDays: 1 });
    expect(report([her]).stays).toEqual({
      admissions: 0,
      averageLengthDays: null,
      overFiveDays: 0,
    });
  });

  it('counts referrals sent in the period by agency and status now; a referral never sent nowhere', () => {
    const figures = report(
      [her],
      [
        aReferral(her, '2025-12-05T06:00:00Z', { agency: 'dlsa', status: 'accepted' }),
        aReferral(her, '2025-12-06T06:00:00Z', { agency: 'police', status: 'sent' }),
        aReferral(her, null, { agency: 'police', status: 'planned' }),
        aReferral(her, '2025-11-06T06:00:00Z', { agency: 'police', status: 'completed' }),
      ],
    );
    expect(figures.referrals.byAgency.dlsa).toBe(1);
    expect(figures.referrals.byAgency.police).toBe(1);
    expect(figures.referrals.byAgency.ngo).toBe(0);
    expect(figures.referrals.byStatus).toEqual({
      planned: 0,
      sent: 1,
      accepted: 1,
      completed: 0,
      declined: 0,
      cancelled: 0,
    });
  });

  it('counts follow-ups done in the period and those overdue by asOf', () => {
    const figures = report(
      [her],
      [
        aFollowUp(her, '2025-12-01', '2025-12-02T06:00:00Z'),
        // Due in November, done in December: done this period.
        aFollowUp(her, '2025-11-25', '2025-12-01T06:00:00Z'),
        // Not done, due in December, before 10 January: overdue.
        aFollowUp(her, '2025-12-20', null),
        // Not done, due in November: outside the period.
        aFollowUp(her, '2025-11-20', null),
      ],
    );
    expect(figures.followUps).toEqual({ done: 2, overdue: 1 });
    const january = report(
      [her],
      [aFollowUp(her, '2026-01-10', null), aFollowUp(her, '2026-01-09', null)],
      { from: '2026-01', to: '2026-01' },
    );
    // Due today is not overdue yet.
    expect(january.followUps).toEqual({ done: 0, overdue: 1 });
  });

  it('counts cases whose closure was approved in the period and that are closed now', () => {
    const approved = { status: 'closed', closureApprovedAt: '2025-12-15T06:00:00Z' } as const;
    const figures = report([
      aCase('2025-10-01T06:00:00Z', { ...approved, closureReason: 'reconciled' }),
      aCase('2025-10-01T06:00:00Z', { ...approved, closureReason: null }),
      // Reopened since: not closed now.
      aCase('2025-10-01T06:00:00Z', { ...approved, status: 'open', closureReason: 'reconciled' }),
      aCase('2025-10-01T06:00:00Z', {
        status: 'closed',
        closureApprovedAt: '2026-01-02T06:00:00Z',
        closureReason: 'other',
      }),
    ]);
    expect(figures.closedByReason.reconciled).toBe(1);
    expect(figures.closedByReason.none_recorded).toBe(1);
    expect(figures.closedByReason.other).toBe(0);
    expect(figures.closedByReason.services_completed).toBe(0);
  });
});

describe('computeIndicatorReport: the whole report', () => {
  it('has a row for every month, even an empty one, and passes its schema', () => {
    const her = aCase('2025-11-10T06:00:00Z');
    const later = aCase('2026-01-03T06:00:00Z', {
      status: 'closed',
      closureApprovedAt: '2026-01-05T06:00:00Z',
      closureReason: 'services_completed',
    });
    const figures = report(
      [her, later],
      [aService(her, '2025-11-11T06:00:00Z'), aService(later, '2026-01-04T06:00:00Z')],
      winter,
    );
    expect(figures.monthly).toEqual([
      { month: '2025-11', casesRegistered: 1, servicesGiven: 1, casesClosed: 0 },
      { month: '2025-12', casesRegistered: 0, servicesGiven: 0, casesClosed: 0 },
      { month: '2026-01', casesRegistered: 1, servicesGiven: 1, casesClosed: 1 },
    ]);
    expect(figures.asOf).toBe('2026-01-10T06:30:00.000Z');
    expect(figures.period).toEqual(winter);
    expect(indicatorReportSchema.parse(figures)).toEqual(figures);
  });

  it('is all zeros over no records, with every code present', () => {
    const figures = report([]);
    expect(figures.casesRegistered).toBe(0);
    expect(Object.values(figures.byViolenceType).every((n) => n === 0)).toBe(true);
    expect(Object.keys(figures.servicesByKind)).toContain('video_conference_statement');
    expect(Object.keys(figures.closedByReason)).toContain('none_recorded');
    expect(figures.monthly).toEqual([
      { month: '2025-12', casesRegistered: 0, servicesGiven: 0, casesClosed: 0 },
    ]);
  });
});

describe('monthsOf and monthOf', () => {
  it('lists every month across a year end', () => {
    expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOf({ from: '2020-01', to: '2020-12' })).toHaveLength(12);
  });

  it('reads the month in India time', () => {
    expect(monthOf('2025-12-31T18:29:59Z')).toBe('2025-12');
    expect(monthOf('2025-12-31T18:30:00Z')).toBe('2026-01');
  });
});

describe('ageAtRegistration', () => {
  it('prefers the age she gave, and otherwise counts from her date of birth', () => {
    const registeredAt = '2025-12-02T06:00:00Z';
    expect(
      ageAtRegistration({ registeredAt, survivorAgeYears: 30, survivorDateOfBirth: '2010-01-01' }),
    ).toBe(30);
    expect(
      ageAtRegistration({
        registeredAt,
        survivorAgeYears: null,
        survivorDateOfBirth: '2007-12-02',
      }),
    ).toBe(18);
    expect(
      ageAtRegistration({
        registeredAt,
        survivorAgeYears: null,
        survivorDateOfBirth: '2007-12-03',
      }),
    ).toBe(17);
    expect(
      ageAtRegistration({ registeredAt, survivorAgeYears: null, survivorDateOfBirth: null }),
    ).toBeNull();
  });
});
