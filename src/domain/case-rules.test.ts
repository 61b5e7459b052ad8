import { describe, expect, it } from 'vitest';
import { buildNewCase, type Case } from './case.ts';
import {
  checkCaseRules,
  expectedStepsForMinor,
  isMinor,
  survivorAgeOn,
  type CaseProblem,
} from './case-rules.ts';
import { caseProblems, type CaseProblemCode } from './vocabularies-problems.ts';

const today = '2026-03-15';
const managerId = '0190a1b2-c3d4-7e5f-8a6b-000000000009';

// Registered 15 March 2026, 11:00 in India.
const registered = buildNewCase({
  id: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
  centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
  caseNumber: 'LKO-2026-K7-0042',
  registeredAt: '2026-03-15T05:30:00Z',
  registeredBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
  arrivalRoute: 'walk_in',
  survivorName: 'Sunita Devi',
});

function aCase(changes: Partial<Case>): Case {
  return { ...registered, ...changes };
}

const closedProperly = aCase({
  status: 'closed',
  closureReason: 'services_completed',
  closureApprovedBy: managerId,
  closureApprovedAt: '2026-04-01T06:00:00Z',
});

const consentTaken = aCase({
  survivorAgeYears: 30,
  consentToServices: true,
  consentSharingAgencies: ['police'],
  consentToReporting: false,
  consentGivenBy: 'survivor',
  consentRecordedAt: '2026-03-15T06:00:00Z',
});

// One case per problem code; the type makes sure no code goes untested.
const casesWithProblem: Record<CaseProblemCode, [Case, CaseProblem['field']]> = {
  closure_reason_missing: [{ ...closedProperly, closureReason: null }, 'closureReason'],
  closure_note_missing: [{ ...closedProperly, closureReason: 'other' }, 'closureNote'],
  closure_approval_missing: [
    { ...closedProperly, closureApprovedBy: null, closureApprovedAt: null },
    'closureApprovedBy',
  ],
  closure_approval_incomplete: [
    { ...closedProperly, closureApprovedAt: null },
    'closureApprovedBy',
  ],
  closure_approval_on_open_case: [{ ...closedProperly, status: 'open' }, 'status'],
  date_of_birth_in_future: [aCase({ survivorDateOfBirth: '2026-03-16' }), 'survivorDateOfBirth'],
  incident_date_in_future: [aCase({ incidentDate: '2026-03-16' }), 'incidentDate'],
  incident_before_birth: [
    aCase({ survivorDateOfBirth: '2000-05-01', incidentDate: '1999-01-01' }),
    'incidentDate',
  ],
  age_disagrees_with_date_of_birth: [
    aCase({ survivorDateOfBirth: '2000-05-01', survivorAgeYears: 40 }),
    'survivorAgeYears',
  ],
  sharing_without_service_consent: [
    { ...consentTaken, consentToServices: false },
    'consentSharingAgencies',
  ],
  consent_giver_missing: [{ ...consentTaken, consentGivenBy: null }, 'consentGivenBy'],
  consent_giver_name_missing: [
    { ...consentTaken, consentGivenBy: 'parent_guardian' },
    'consentGiverName',
  ],
  consent_time_missing: [{ ...consentTaken, consentRecordedAt: null }, 'consentRecordedAt'],
  minor_consent_needs_guardian: [{ ...consentTaken, survivorAgeYears: 16 }, 'consentGivenBy'],
};

describe('checkCaseRules', () => {
  it('finds nothing on a new case, a closed case or a case with consent taken properly', () => {
    expect(checkCaseRules(registered, today)).toEqual([]);
    expect(checkCaseRules(closedProperly, today)).toEqual([]);
    expect(checkCaseRules(consentTaken, today)).toEqual([]);
  });

  it('has a test case for every problem it can report', () => {
    expect(Object.keys(casesWithProblem).sort()).toEqual(caseProblems.map((p) => p.code).sort());
  });

  it.each(Object.entries(casesWithProblem))('reports %s', (code, [c, field]) => {
    expect(checkCaseRules(c, today)).toEqual([{ code, field }]);
  });

  it('accepts a closure note for "other"', () => {
    const c = {
      ...closedProperly,
      closureReason: 'other' as const,
      closureNote: 'She moved abroad.',
    };
    expect(checkCaseRules(c, today)).toEqual([]);
  });

  it('accepts a closure requested but not yet approved on an open case', () => {
    const c = aCase({ closureReason: 'services_completed', closureRequestedBy: managerId });
    expect(checkCaseRules(c, today)).toEqual([]);
  });

  it('accepts a date of birth today and an age a year off the date of birth', () => {
    expect(
      checkCaseRules(aCase({ survivorDateOfBirth: today, survivorAgeYears: 0 }), today),
    ).toEqual([]);
    expect(
      checkCaseRules(aCase({ survivorDateOfBirth: '2000-05-01', survivorAgeYears: 26 }), today),
    ).toEqual([]);
  });

  it('needs no giver name when she consented herself', () => {
    expect(checkCaseRules({ ...consentTaken, consentGiverName: null }, today)).toEqual([]);
  });

  it("accepts a minor's consent given by her guardian, named", () => {
    const c: Case = {
      ...consentTaken,
      survivorAgeYears: 16,
      consentGivenBy: 'parent_guardian',
      consentGiverName: 'Kamla Devi (mother)',
    };
    expect(checkCaseRules(c, today)).toEqual([]);
  });

  it('judges consent by her age when it was given, not today', () => {
    const c: Case = { ...consentTaken, survivorDateOfBirth: '2008-03-20', survivorAgeYears: null };
    expect(isMinor(c, '2026-04-01')).toBe(false);
    expect(checkCaseRules(c, '2026-04-01').map((p) => p.code)).toEqual([
      'minor_consent_needs_guardian',
    ]);
  });

  it('reports several problems at once', () => {
    const c = aCase({ status: 'closed', incidentDate: '2027-01-01' });
    expect(checkCaseRules(c, today).map((p) => p.code)).toEqual([
      'closure_reason_missing',
      'closure_approval_missing',
      'incident_date_in_future',
    ]);
  });
});

describe('survivorAgeOn', () => {
  it('is null when neither age nor date of birth is known', () => {
    expect(survivorAgeOn(registered, today)).toBeNull();
  });

  it('prefers the date of birth', () => {
    expect(
      survivorAgeOn(aCase({ survivorDateOfBirth: '2000-05-01', survivorAgeYears: 30 }), today),
    ).toBe(25);
  });

  it('adds the years since registration to the age she gave', () => {
    expect(survivorAgeOn(aCase({ survivorAgeYears: 17 }), '2027-03-14')).toBe(17);
    expect(survivorAgeOn(aCase({ survivorAgeYears: 17 }), '2027-03-15')).toBe(18);
  });
});

describe('isMinor', () => {
  it('is false when her age is not known', () => {
    expect(isMinor(registered, today)).toBe(false);
  });

  it('is true under 18 by the age she gave, false at 18', () => {
    expect(isMinor(aCase({ survivorAgeYears: 17 }), today)).toBe(true);
    expect(isMinor(aCase({ survivorAgeYears: 18 }), today)).toBe(false);
  });

  it('turns false on her 18th birthday by date of birth', () => {
    const c = aCase({ survivorDateOfBirth: '2008-03-16' });
    expect(isMinor(c, '2026-03-15')).toBe(true);
    expect(isMinor(c, '2026-03-16')).toBe(false);
  });

  it('is true when either the age she gave or the date of birth says so', () => {
    expect(isMinor(aCase({ survivorAgeYears: 19, survivorDateOfBirth: '2009-01-01' }), today)).toBe(
      true,
    );
    expect(isMinor(aCase({ survivorAgeYears: 17, survivorDateOfBirth: '2007-01-01' }), today)).toBe(
      true,
    );
  });
});

describe('expectedStepsForMinor', () => {
  it('expects POCSO reporting and a CWC referral for a girl under 18', () => {
    expect(expectedStepsForMinor(aCase({ survivorAgeYears: 15 }))).toEqual([
      'pocso_police_report',
      'cwc_referral',
    ]);
  });

  it('expects nothing for an adult or when her age is not known', () => {
    expect(expectedStepsForMinor(aCase({ survivorAgeYears: 25 }))).toEqual([]);
    expect(expectedStepsForMinor(registered)).toEqual([]);
  });

  it('expects them when she was under 18 at the incident, though 18 at registration', () => {
    const c = aCase({ survivorDateOfBirth: '2008-01-10', incidentDate: '2025-12-20' });
    expect(isMinor(c, today)).toBe(false);
    expect(expectedStepsForMinor(c)).toEqual(['pocso_police_report', 'cwc_referral']);
  });
});
