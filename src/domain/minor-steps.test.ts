import { describe, expect, it } from 'vitest';
import { buildNewCase } from './case.ts';
import { laterReferralBlanks, type ReferralEntry, type ServiceEntry } from './entries.ts';
import { sampleService } from './entries.testing.ts';
import { findMissingMinorSteps } from './minor-steps.ts';

const girl = {
  ...buildNewCase({
    id: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
    centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
    caseNumber: 'LKO-2026-K7-0043',
    registeredAt: '2026-03-15T05:30:00Z',
    registeredBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
    arrivalRoute: 'police',
    survivorName: 'Pooja',
  }),
  survivorAgeYears: 15,
};

const entry = {
  caseId: girl.id,
  centreId: girl.centreId,
  recordedAt: '2026-03-15T07:00:00Z',
  recordedBy: girl.registeredBy,
  deleted: false,
};

function referral(changes: Partial<ReferralEntry>): ReferralEntry {
  return {
    ...entry,
    id: '0190a1b2-c3d4-7e5f-8a6b-0000000000f1',
    agency: 'child_welfare_committee',
    agencyName: null,
    ...laterReferralBlanks,
    status: 'sent',
    referredAt: '2026-03-15T08:00:00Z',
    contactPerson: null,
    notes: null,
    outcome: null,
    ...changes,
  };
}

const policeHelp: ServiceEntry = {
  ...entry,
  id: '0190a1b2-c3d4-7e5f-8a6b-0000000000f2',
  ...sampleService({
    kind: 'police_help',
    givenAt: '2026-03-15T09:00:00Z',
    firNumber: '77/2026',
    policeStation: 'Chinhat',
  }),
};

describe('findMissingMinorSteps', () => {
  it('lists both steps for a girl with no entries yet', () => {
    expect(findMissingMinorSteps(girl, { referrals: [], services: [] })).toEqual([
      'pocso_police_report',
      'cwc_referral',
    ]);
  });

  it('lists nothing for an adult', () => {
    const woman = { ...girl, survivorAgeYears: 30 };
    expect(findMissingMinorSteps(woman, { referrals: [], services: [] })).toEqual([]);
  });

  it('counts police help given, or a referral sent to the police, as the POCSO report', () => {
    expect(findMissingMinorSteps(girl, { referrals: [], services: [policeHelp] })).toEqual([
      'cwc_referral',
    ]);
    const toPolice = referral({ agency: 'police', status: 'accepted' });
    expect(findMissingMinorSteps(girl, { referrals: [toPolice], services: [] })).toEqual([
      'cwc_referral',
    ]);
  });

  it('counts a CWC referral once it has gone out, whatever came of it', () => {
    for (const status of ['sent', 'accepted', 'completed', 'declined'] as const) {
      const entries = { referrals: [referral({ status })], services: [policeHelp] };
      expect(findMissingMinorSteps(girl, entries), status).toEqual([]);
    }
  });

  it('does not count a planned or cancelled referral, a removed entry, or another case', () => {
    const notDone = [
      referral({ status: 'planned', referredAt: null }),
      referral({ status: 'cancelled' }),
      referral({ deleted: true }),
      referral({ caseId: '0190a1b2-c3d4-7e5f-8a6b-00000000ffff' }),
    ];
    const otherCasePolice = { ...policeHelp, caseId: '0190a1b2-c3d4-7e5f-8a6b-00000000ffff' };
    const removedPolice = { ...policeHelp, deleted: true };
    expect(
      findMissingMinorSteps(girl, {
        referrals: notDone,
        services: [otherCasePolice, removedPolice],
      }),
    ).toEqual(['pocso_police_report', 'cwc_referral']);
  });
});
