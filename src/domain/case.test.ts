import { describe, expect, it } from 'vitest';
import { buildNewCase, caseSchema, identifyingCaseFields, type Case } from './case.ts';

const registered = buildNewCase({
  id: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
  centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
  caseNumber: 'LKO-2026-K7-0042',
  registeredAt: '2026-03-15T05:30:00Z',
  registeredBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
  arrivalRoute: 'helpline_181',
  survivorName: 'सुनीता देवी',
});

function isAccepted(changes: Record<string, unknown>): boolean {
  return caseSchema.safeParse({ ...registered, ...changes }).success;
}

describe('buildNewCase', () => {
  it('makes an open case that the schema accepts as saved', () => {
    expect(caseSchema.parse(registered)).toEqual(registered);
    expect(registered.status).toBe('open');
    expect(registered.deleted).toBe(false);
  });

  it('writes every field, so each one gets a stamp at the first save', () => {
    expect(Object.keys(registered).sort()).toEqual(Object.keys(caseSchema.shape).sort());
  });
});

describe('caseSchema', () => {
  it("takes the perpetrator's relation in detail up to 100 characters, identifying her", () => {
    const detail = caseSchema.shape.perpetratorRelationshipDetail;
    expect(detail.safeParse('पति का बड़ा भाई').success).toBe(true);
    expect(detail.safeParse(null).success).toBe(true);
    expect(detail.safeParse('x'.repeat(101)).success).toBe(false);
    expect(detail.safeParse('  ').success).toBe(false);
    expect(identifyingCaseFields).toContain('perpetratorRelationshipDetail');
  });

  it('accepts a fully recorded case', () => {
    const recorded: Case = {
      ...registered,
      status: 'in_stay',
      survivorAlias: 'Munni',
      survivorAgeYears: 24,
      survivorDateOfBirth: '2001-08-20',
      survivorPhone: '9876543210',
      survivorAddress: 'Village Rampur, Tehsil Mohanlalganj',
      survivorDistrictCode: 'LKO',
      survivorMaritalStatus: 'married',
      survivorEducation: 'high_school',
      survivorOccupation: 'homemaker',
      survivorDisability: null,
      childrenAccompanying: 2,
      incidentDate: '2026-03-14',
      incidentPlace: 'ससुराल, मोहनलालगंज',
      violenceTypes: ['domestic_violence', 'dowry'],
      perpetratorName: 'Ramesh',
      perpetratorRelationship: 'husband',
      perpetratorRelationshipDetail: "husband's elder brother",
      incidentNarrative: 'She was beaten and sent out of the house.',
      consentToServices: true,
      consentSharingAgencies: ['police', 'dlsa'],
      consentToReporting: true,
      consentGivenBy: 'survivor',
      consentRecordedAt: '2026-03-15T06:00:00Z',
      riskLevel: 'high',
      safetyPlan: 'Stay at the centre; brother to be told.',
      assignedStaffIds: ['0190a1b2-c3d4-7e5f-8a6b-000000000001'],
    };
    expect(caseSchema.parse(recorded)).toEqual(recorded);
  });

  it('rejects a phone number that is not a 10-digit Indian mobile', () => {
    expect(isAccepted({ survivorPhone: '98765' })).toBe(false);
    expect(isAccepted({ survivorPhone: '5876543210' })).toBe(false);
    expect(isAccepted({ survivorPhone: '+91 98765 43210' })).toBe(false);
  });

  it('accepts ages 0 to 120 in whole years, and nothing else', () => {
    expect(isAccepted({ survivorAgeYears: 0 })).toBe(true);
    expect(isAccepted({ survivorAgeYears: 120 })).toBe(true);
    expect(isAccepted({ survivorAgeYears: 121 })).toBe(false);
    expect(isAccepted({ survivorAgeYears: -1 })).toBe(false);
    expect(isAccepted({ survivorAgeYears: 16.5 })).toBe(false);
    expect(isAccepted({ survivorAgeYears: '16' })).toBe(false);
  });

  it('rejects an empty or repeated list of violence types', () => {
    expect(isAccepted({ violenceTypes: [] })).toBe(false);
    expect(isAccepted({ violenceTypes: ['physical', 'physical'] })).toBe(false);
    expect(isAccepted({ violenceTypes: ['beating'] })).toBe(false);
    expect(isAccepted({ violenceTypes: ['physical'] })).toBe(true);
  });

  it('rejects a case number in the wrong shape', () => {
    expect(isAccepted({ caseNumber: 'LKO/2026/42' })).toBe(false);
    expect(isAccepted({ caseNumber: 'lko-2026-K7-0042' })).toBe(false);
  });

  it('rejects a date in another format and an instant with a local offset', () => {
    expect(isAccepted({ survivorDateOfBirth: '20/08/2001' })).toBe(false);
    expect(isAccepted({ registeredAt: '2026-03-15T11:00:00+05:30' })).toBe(false);
  });

  it('rejects children accompanying below zero or in fractions', () => {
    expect(isAccepted({ childrenAccompanying: -1 })).toBe(false);
    expect(isAccepted({ childrenAccompanying: 1.5 })).toBe(false);
  });

  it('rejects sharing consent for an agency that does not exist, or twice', () => {
    expect(isAccepted({ consentSharingAgencies: ['press'] })).toBe(false);
    expect(isAccepted({ consentSharingAgencies: ['police', 'police'] })).toBe(false);
  });

  it("rejects '' for a field not yet known: that is null", () => {
    expect(isAccepted({ survivorAlias: '' })).toBe(false);
  });

  it('rejects a saved case without a survivor name or without its tombstone field', () => {
    expect(isAccepted({ survivorName: ' ' })).toBe(false);
    const { deleted: _deleted, ...withoutTombstone } = registered;
    expect(caseSchema.safeParse(withoutTombstone).success).toBe(false);
  });

  it('rejects a nested or unknown field, which would merge as one', () => {
    expect(isAccepted({ survivor: { name: 'Sunita' } })).toBe(false);
  });

  it('keeps a combination no device saved together, as a merge can make', () => {
    expect(isAccepted({ status: 'closed', closureReason: null })).toBe(true);
  });
});

describe('identifyingCaseFields', () => {
  it('covers her name, contact, birth date, story and every free-text field', () => {
    const fields: readonly string[] = identifyingCaseFields;
    const textFields = Object.entries(caseSchema.shape)
      .filter(([, schema]) => schema.safeParse('some words').success)
      .map(([field]) => field);
    expect(textFields.length).toBeGreaterThan(5);
    for (const field of textFields) expect(fields, field).toContain(field);
    for (const field of ['survivorPhone', 'survivorDateOfBirth']) expect(fields).toContain(field);
  });

  it('leaves out what headquarters reports count: codes, dates of service, status', () => {
    const fields: readonly string[] = identifyingCaseFields;
    for (const field of ['violenceTypes', 'arrivalRoute', 'status', 'survivorDistrictCode']) {
      expect(fields).not.toContain(field);
    }
  });
});
