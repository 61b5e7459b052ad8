import { describe, expect, it } from 'vitest';
import { buildNewCase, type Case } from './case.ts';
import { laterReferralBlanks, type ReferralEntry } from './entries.ts';
import {
  composeReferralLetter,
  fieldsForAgency,
  formatIndiaDate,
  type CentreLetterhead,
  type LetterSharing,
} from './referral-letter.ts';

const sunita: Case = {
  ...buildNewCase({
    id: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
    centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
    caseNumber: 'LKO-2026-K7-0042',
    registeredAt: '2026-03-15T05:30:00Z',
    registeredBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
    arrivalRoute: 'walk_in',
    survivorName: 'सुनीता देवी',
  }),
  survivorAgeYears: 29,
  survivorPhone: '9876543210',
  survivorAddress: 'मकान 12, आलमबाग',
  survivorDistrictCode: 'LKO',
  incidentDate: '2026-03-14',
  incidentPlace: 'ससुराल',
  violenceTypes: ['physical', 'dowry'],
  perpetratorName: 'रमेश',
  perpetratorRelationship: 'husband',
  incidentNarrative: 'Her own account, which stays with the centre.',
  consentToServices: true,
  consentSharingAgencies: ['police', 'hospital'],
  consentGivenBy: 'survivor',
  consentRecordedAt: '2026-03-15T06:00:00Z',
};

const centre: CentreLetterhead = {
  nameHi: 'वन स्टॉप सेंटर, लखनऊ',
  nameEn: 'One Stop Centre, Lucknow',
  address: 'Civil Hospital campus, Lucknow',
  phone: '05222612345',
};

function referral(changes: Partial<ReferralEntry> = {}): ReferralEntry {
  return {
    id: '0190a1b2-c3d4-7e5f-8a6b-0000000000f1',
    caseId: sunita.id,
    centreId: sunita.centreId,
    recordedAt: '2026-03-15T07:00:00Z',
    recordedBy: sunita.registeredBy,
    deleted: false,
    agency: 'police',
    agencyName: 'Hazratganj police station',
    status: 'sent',
    referredAt: '2026-03-15T20:00:00Z',
    contactPerson: null,
    notes: null,
    outcome: null,
    ...laterReferralBlanks,
    ...changes,
  };
}

const now = new Date('2026-03-20T19:00:00Z');

function factsOf(sharing: LetterSharing) {
  if (!sharing.isAllowed) throw new Error('expected sharing');
  return Object.fromEntries(sharing.facts.map((fact) => [fact.field, fact.value]));
}

describe('formatIndiaDate', () => {
  it('writes a calendar date as dd/mm/yyyy', () => {
    expect(formatIndiaDate('2026-03-05')).toBe('05/03/2026');
  });
});

describe('composeReferralLetter', () => {
  it('heads the letter with the centre, the day in India and her case number', () => {
    const letter = composeReferralLetter({
      caseFile: sunita,
      referral: referral(),
      centre,
      lang: 'en',
      now,
    });
    // 19:00 UTC on the 20th is already the 21st in India.
    expect(letter.date).toBe('21/03/2026');
    expect(letter.referredOn).toBe('16/03/2026');
    expect(letter.reference).toBe('LKO-2026-K7-0042');
    expect(letter.agency).toBe('Police');
    expect(letter.agencyName).toBe('Hazratganj police station');
    expect(letter.centre).toEqual({
      name: 'One Stop Centre, Lucknow',
      address: centre.address,
      phone: centre.phone,
      missing: [],
    });
  });

  it('writes in the language chosen for the letter', () => {
    const letter = composeReferralLetter({
      caseFile: sunita,
      referral: referral(),
      centre,
      lang: 'hi',
      now,
    });
    expect(letter.centre.name).toBe('वन स्टॉप सेंटर, लखनऊ');
    expect(letter.agency).toBe('पुलिस');
    expect(letter.sharing.isAllowed && letter.sharing.facts[0]?.label).toBe('नाम');
  });

  it('names the centre details the tablet lacks instead of leaving them blank', () => {
    const letter = composeReferralLetter({
      caseFile: sunita,
      referral: referral(),
      centre: { ...centre, address: null, phone: '' },
      lang: 'en',
      now,
    });
    expect(letter.centre.missing).toEqual(['address', 'phone']);
    expect(letter.centre.phone).toBeNull();
  });

  it('tells the police who did it, with her details and her consent', () => {
    const letter = composeReferralLetter({
      caseFile: sunita,
      referral: referral(),
      centre,
      lang: 'en',
      now,
    });
    expect(factsOf(letter.sharing)).toEqual({
      survivorName: 'सुनीता देवी',
      survivorAgeYears: '29',
      survivorPhone: '9876543210',
      survivorAddress: 'मकान 12, आलमबाग',
      survivorDistrictCode: 'Lucknow',
      incidentDate: '14/03/2026',
      incidentPlace: 'ससुराल',
      violenceTypes: 'Physical violence, Dowry harassment',
      perpetratorName: 'रमेश',
      perpetratorRelationship: 'Husband',
    });
    expect(letter.sharing).toMatchObject({
      consentGivenBy: 'She herself',
      consentTakenOn: '15/03/2026',
    });
  });

  it("keeps his name off a hospital's letter and her account off every letter", () => {
    const letter = composeReferralLetter({
      caseFile: sunita,
      referral: referral({ agency: 'hospital' }),
      centre,
      lang: 'en',
      now,
    });
    const facts = factsOf(letter.sharing);
    expect(facts).not.toHaveProperty('perpetratorName');
    expect(JSON.stringify(letter)).not.toContain('stays with the centre');
    expect(fieldsForAgency('dlsa')).toContain('perpetratorName');
    expect(fieldsForAgency('shelter_home')).not.toContain('perpetratorName');
  });

  it('marks what the centre has not recorded rather than printing a blank', () => {
    const letter = composeReferralLetter({
      caseFile: {
        ...sunita,
        survivorAgeYears: null,
        survivorPhone: null,
        survivorDistrictCode: null,
        incidentDate: null,
        violenceTypes: null,
        perpetratorRelationship: null,
        consentGivenBy: null,
        consentRecordedAt: null,
      },
      referral: referral({ referredAt: null }),
      centre,
      lang: 'en',
      now,
    });
    const facts = factsOf(letter.sharing);
    expect(facts['survivorAgeYears']).toBeNull();
    expect(facts['survivorPhone']).toBeNull();
    expect(facts['survivorDistrictCode']).toBeNull();
    expect(facts['incidentDate']).toBeNull();
    expect(facts['violenceTypes']).toBeNull();
    expect(facts['perpetratorRelationship']).toBeNull();
    expect(letter.referredOn).toBeNull();
    expect(letter.sharing).toMatchObject({ consentGivenBy: null, consentTakenOn: null });
  });

  it('shares nothing about her with an agency she has not agreed to', () => {
    const letter = composeReferralLetter({
      caseFile: sunita,
      referral: referral({ agency: 'dlsa' }),
      centre,
      lang: 'en',
      now,
    });
    expect(letter.sharing).toEqual({ isAllowed: false, reason: 'not_agreed' });
    expect(JSON.stringify(letter)).not.toContain('सुनीता');
    expect(letter.reference).toBe('LKO-2026-K7-0042');
  });

  it("shares nothing when she refused the centre's services, whatever the agency list says", () => {
    const letter = composeReferralLetter({
      caseFile: { ...sunita, consentToServices: false },
      referral: referral(),
      centre,
      lang: 'en',
      now,
    });
    expect(letter.sharing).toEqual({ isAllowed: false, reason: 'not_agreed' });
  });

  it('says consent was never recorded when nobody has asked her', () => {
    const letter = composeReferralLetter({
      caseFile: {
        ...sunita,
        consentToServices: null,
        consentSharingAgencies: [],
        consentRecordedAt: null,
      },
      referral: referral(),
      centre,
      lang: 'en',
      now,
    });
    expect(letter.sharing).toEqual({ isAllowed: false, reason: 'not_recorded' });
  });

  it('reads a case pulled without its consent fields as no consent', () => {
    const partial = { ...sunita } as Partial<Case>;
    delete partial.consentToServices;
    delete partial.consentSharingAgencies;
    delete partial.consentRecordedAt;
    const letter = composeReferralLetter({
      caseFile: partial as Case,
      referral: referral(),
      centre,
      lang: 'en',
      now,
    });
    expect(letter.sharing).toEqual({ isAllowed: false, reason: 'not_recorded' });
  });
});
