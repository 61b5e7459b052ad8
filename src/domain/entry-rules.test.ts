import { describe, expect, it } from 'vitest';
import type { FollowUpEntry, ServiceEntry, StayEntry } from './entries.ts';
import { sampleService } from './entries.testing.ts';
import {
  checkServiceRules,
  checkStayRules,
  isDueDateInPast,
  isFollowUpOverdue,
  isStayOverdue,
  serviceKindFields,
  stayDaysAllowed,
  stayEndDate,
} from './entry-rules.ts';
import { stayProblems, type StayProblemCode } from './vocabularies-problems.ts';

const entry = {
  id: '0190a1b2-c3d4-7e5f-8a6b-0000000000e1',
  caseId: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
  centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
  recordedAt: '2026-03-10T07:00:00Z',
  recordedBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
  deleted: false,
};

// Admitted 10 March 2026 at 23:30 in India: the stay's first day is the 10th.
const stay: StayEntry = {
  ...entry,
  admittedAt: '2026-03-10T18:00:00Z',
  plannedDischargeDate: '2026-03-15',
  extendedUntil: null,
  extensionReason: null,
  dischargedAt: null,
  dischargedTo: null,
};

describe('checkStayRules', () => {
  it('allows a stay planned up to five days after the admission day', () => {
    expect(stayDaysAllowed).toBe(5);
    expect(checkStayRules(stay)).toEqual([]);
  });

  it('counts the admission day in India time, not UTC', () => {
    const admittedLateEvening = { ...stay, admittedAt: '2026-03-09T19:00:00Z' };
    expect(checkStayRules(admittedLateEvening)).toEqual([]);
  });

  const stayWithProblem: Record<StayProblemCode, [StayEntry, keyof StayEntry]> = {
    planned_discharge_before_admission: [
      { ...stay, plannedDischargeDate: '2026-03-09' },
      'plannedDischargeDate',
    ],
    stay_beyond_limit_without_reason: [
      { ...stay, plannedDischargeDate: '2026-03-16' },
      'extensionReason',
    ],
    extension_without_reason: [{ ...stay, extendedUntil: '2026-03-17' }, 'extensionReason'],
    extension_not_after_planned_discharge: [
      { ...stay, extendedUntil: '2026-03-15', extensionReason: 'Court hearing on the 15th' },
      'extendedUntil',
    ],
    discharged_before_admission: [
      { ...stay, dischargedAt: '2026-03-10T17:59:59.999Z', dischargedTo: 'home' },
      'dischargedAt',
    ],
    discharge_destination_missing: [
      { ...stay, dischargedAt: '2026-03-13T05:00:00Z' },
      'dischargedTo',
    ],
    discharge_time_missing: [{ ...stay, dischargedTo: 'parents_home' }, 'dischargedAt'],
  };

  it('has a test case for every problem it can report', () => {
    expect(Object.keys(stayWithProblem).sort()).toEqual(stayProblems.map((p) => p.code).sort());
  });

  it.each(Object.entries(stayWithProblem))('reports %s', (code, [s, field]) => {
    expect(checkStayRules(s)).toEqual([{ code, field }]);
  });

  it('allows a longer stay once the reason is written', () => {
    const longer = {
      ...stay,
      plannedDischargeDate: '2026-03-18',
      extensionReason: 'Awaiting shelter home',
    };
    expect(checkStayRules(longer)).toEqual([]);
    const extended = {
      ...stay,
      extendedUntil: '2026-03-18',
      extensionReason: 'Awaiting shelter home',
    };
    expect(checkStayRules(extended)).toEqual([]);
  });

  it('accepts a discharge with destination, even with fractions of a second', () => {
    const discharged = {
      ...stay,
      dischargedAt: '2026-03-10T18:00:00.5Z',
      dischargedTo: 'home' as const,
    };
    expect(checkStayRules(discharged)).toEqual([]);
  });
});

describe('stayEndDate', () => {
  it('is the planned date, or the extension', () => {
    expect(stayEndDate(stay)).toBe('2026-03-15');
    expect(stayEndDate({ ...stay, plannedDischargeDate: '2026-03-12' })).toBe('2026-03-12');
    expect(stayEndDate({ ...stay, extendedUntil: '2026-03-17', extensionReason: 'Hearing' })).toBe(
      '2026-03-17',
    );
  });

  it('never passes the five-day limit without a reason', () => {
    expect(stayEndDate({ ...stay, plannedDischargeDate: '2026-03-25' })).toBe('2026-03-15');
    expect(stayEndDate({ ...stay, extendedUntil: '2026-03-25' })).toBe('2026-03-15');
  });
});

describe('isStayOverdue', () => {
  it('is false through the last planned day, in India time', () => {
    expect(isStayOverdue(stay, '2026-03-15T18:29:59Z')).toBe(false);
  });

  it('is true from the next day while she is not discharged', () => {
    expect(isStayOverdue(stay, '2026-03-15T18:30:00Z')).toBe(true);
    expect(isStayOverdue(stay, new Date('2026-03-20T00:00:00Z'))).toBe(true);
  });

  it('is false once she is discharged, or for a removed stay', () => {
    const later = '2026-03-20T00:00:00Z';
    expect(
      isStayOverdue({ ...stay, dischargedAt: '2026-03-16T05:00:00Z', dischargedTo: 'home' }, later),
    ).toBe(false);
    expect(isStayOverdue({ ...stay, deleted: true }, later)).toBe(false);
  });

  it('follows an extension with a reason', () => {
    const extended = {
      ...stay,
      extendedUntil: '2026-03-18',
      extensionReason: 'Awaiting shelter home',
    };
    expect(isStayOverdue(extended, '2026-03-17T10:00:00Z')).toBe(false);
    expect(isStayOverdue(extended, '2026-03-19T10:00:00Z')).toBe(true);
  });
});

describe('isFollowUpOverdue', () => {
  const followUp: FollowUpEntry = {
    ...entry,
    dueDate: '2026-03-22',
    mode: 'home_visit',
    doneAt: null,
    outcome: null,
    notes: null,
  };

  it('is not late on its due day, and late the day after', () => {
    expect(isFollowUpOverdue(followUp, '2026-03-22')).toBe(false);
    expect(isFollowUpOverdue(followUp, '2026-03-23')).toBe(true);
  });

  it('is not late once made, or when removed', () => {
    expect(isFollowUpOverdue({ ...followUp, doneAt: '2026-03-24T05:00:00Z' }, '2026-03-25')).toBe(
      false,
    );
    expect(isFollowUpOverdue({ ...followUp, deleted: true }, '2026-03-25')).toBe(false);
  });
});

describe('checkServiceRules', () => {
  const counselling: ServiceEntry = {
    ...entry,
    ...sampleService({
      givenAt: '2026-03-10T08:00:00Z',
      givenBy: entry.recordedBy,
      durationMinutes: 45,
    }),
  };

  it('accepts a service with only its own details', () => {
    expect(checkServiceRules(counselling)).toEqual([]);
    const police: ServiceEntry = {
      ...counselling,
      kind: 'police_help',
      firNumber: '12/2026',
      policeStation: 'Alambagh',
    };
    expect(checkServiceRules(police)).toEqual([]);
  });

  it('reports a detail left from another kind, e.g. after the kind was corrected', () => {
    const corrected: ServiceEntry = {
      ...counselling,
      kind: 'medical_aid',
      firNumber: '12/2026',
      hospitalName: 'KGMU',
    };
    expect(checkServiceRules(corrected)).toEqual([
      { code: 'field_not_for_service_kind', field: 'firNumber' },
    ]);
  });

  it('gives every kind-specific field to some kind of service', () => {
    const used = new Set(Object.values(serviceKindFields).flat());
    expect([...used].sort()).toEqual([
      'courtName',
      'dlsaAdvocateName',
      'firNumber',
      'hospitalName',
      'interpretationLanguage',
      'policeStation',
    ]);
  });
});

describe('isDueDateInPast', () => {
  it('refuses a day already past in India, and allows today and later', () => {
    expect(isDueDateInPast('2026-03-09', '2026-03-10')).toBe(true);
    expect(isDueDateInPast('2026-03-10', '2026-03-10')).toBe(false);
    expect(isDueDateInPast('2026-03-11', '2026-03-10')).toBe(false);
  });
});
