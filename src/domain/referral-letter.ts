/**
 * What a referral letter to an agency (police, hospital, DLSA, shelter…) says: the centre
 * that sends it, the reference, and what may be told about her.
 *
 * What must stay true:
 * - Nothing about her goes on a letter to an agency she has not agreed to share with. Her
 *   consent is read from her case as it is recorded now (`consentToServices` and
 *   `consentSharingAgencies`, as the referral form reads them), never from the referral,
 *   so a consent withdrawn after the referral was written is honoured.
 * - A letter without her consent still goes out: it names the case by its number only and
 *   says why nothing else is on it, so the agency knows to ask her, not the centre.
 * - Paper is never left blank where a fact is missing: a blank on a printed letter gets
 *   filled in by hand by whoever holds it. A detail the tablet lacks is named as missing.
 * - Each agency gets only what its part of the work needs (`fieldsForAgency`), not her whole
 *   file: her own account stays with the centre.
 */
import type { Case } from './case.ts';
import { survivorAgeOn } from './case-rules.ts';
import { caseDetailFields, shortLabelsOf } from './case-fields.ts';
import type { ReferralAgency } from './code-schemas.ts';
import { districts } from './districts.ts';
import type { ReferralEntry } from './entries.ts';
import { indiaDateOf, type CalendarDate } from './india-time.ts';
import { consentGivers, perpetratorRelationships, violenceTypes } from './vocabularies-case.ts';
import { referralAgencies } from './vocabularies-entries.ts';
import { labelOf, type Lang } from './vocabulary.ts';

/** What the tablet knows of its own centre; null where it was never told. */
export interface CentreLetterhead {
  readonly nameHi: string;
  readonly nameEn: string;
  readonly address: string | null;
  readonly phone: string | null;
}

export type CentreDetail = 'address' | 'phone';

/** Her details a letter may carry, in the order it lists them. */
export type LetterField =
  | 'survivorName'
  | 'survivorAgeYears'
  | 'survivorPhone'
  | 'survivorAddress'
  | 'survivorDistrictCode'
  | 'incidentDate'
  | 'incidentPlace'
  | 'violenceTypes'
  | 'perpetratorName'
  | 'perpetratorRelationship';

const aboutHer: readonly LetterField[] = [
  'survivorName',
  'survivorAgeYears',
  'survivorPhone',
  'survivorAddress',
  'survivorDistrictCode',
  'incidentDate',
  'incidentPlace',
  'violenceTypes',
];

// Who did it matters to those who act against him or for her rights, not to a hospital
// or a shelter, where his name on paper could reach him.
const withPerpetrator: readonly LetterField[] = [
  ...aboutHer,
  'perpetratorName',
  'perpetratorRelationship',
];

const actsAgainstPerpetrator: ReadonlySet<ReferralAgency> = new Set([
  'police',
  'dlsa',
  'protection_officer',
  'child_welfare_committee',
]);

export function fieldsForAgency(agency: ReferralAgency): readonly LetterField[] {
  return actsAgainstPerpetrator.has(agency) ? withPerpetrator : aboutHer;
}

export interface LetterFact {
  readonly field: LetterField;
  readonly label: string;
  /** Null when the centre has not recorded it: the letter says so instead of a blank. */
  readonly value: string | null;
}

export type LetterSharing =
  | {
      readonly isAllowed: true;
      readonly facts: readonly LetterFact[];
      readonly consentGivenBy: string | null;
      /** dd/mm/yyyy, India time; null when when was not recorded. */
      readonly consentTakenOn: string | null;
    }
  | {
      readonly isAllowed: false;
      /** `not_recorded`: nobody has asked her yet; `not_agreed`: she has not agreed for this agency. */
      readonly reason: 'not_recorded' | 'not_agreed';
    };

export interface ReferralLetter {
  readonly lang: Lang;
  /** dd/mm/yyyy, the day it is printed in India. */
  readonly date: string;
  /** Her case number: the agency quotes it back and never needs her name to do so. */
  readonly reference: string;
  readonly agency: string;
  /** Which one ('Hazratganj police station'); null when the referral does not say. */
  readonly agencyName: string | null;
  /** dd/mm/yyyy; null while the referral is only planned. */
  readonly referredOn: string | null;
  readonly centre: {
    readonly name: string;
    readonly address: string | null;
    readonly phone: string | null;
    readonly missing: readonly CentreDetail[];
  };
  readonly sharing: LetterSharing;
}

/** A calendar date as India writes it on paper: dd/mm/yyyy. */
export function formatIndiaDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * The letter for one referral on her case, in the language she chose for it (not the
 * app's). `now` is when it is printed.
 */
export function composeReferralLetter(options: {
  readonly caseFile: Case;
  readonly referral: ReferralEntry;
  readonly centre: CentreLetterhead;
  readonly lang: Lang;
  readonly now: Date;
}): ReferralLetter {
  const { caseFile, referral, centre, lang, now } = options;
  const missing: CentreDetail[] = [];
  if (!centre.address) missing.push('address');
  if (!centre.phone) missing.push('phone');
  return {
    lang,
    date: formatIndiaDate(indiaDateOf(now)),
    reference: caseFile.caseNumber,
    agency: labelOf(referralAgencies, referral.agency, lang),
    agencyName: referral.agencyName ?? null,
    referredOn: referral.referredAt ? formatIndiaDate(indiaDateOf(referral.referredAt)) : null,
    centre: {
      name: lang === 'hi' ? centre.nameHi : centre.nameEn,
      address: centre.address || null,
      phone: centre.phone || null,
      missing,
    },
    sharing: decideSharing(caseFile, referral.agency, lang, indiaDateOf(now)),
  };
}

function decideSharing(
  c: Case,
  agency: ReferralAgency,
  lang: Lang,
  today: CalendarDate,
): LetterSharing {
  // A record pulled with only some of its fields may lack the consent fields entirely.
  const agreed: readonly ReferralAgency[] = c.consentSharingAgencies ?? [];
  const toServices = c.consentToServices ?? null;
  // As the referral form holds it: sharing needs her consent to the centre's services too.
  if (toServices !== true || !agreed.includes(agency)) {
    const isAsked =
      toServices !== null || agreed.length > 0 || (c.consentRecordedAt ?? null) !== null;
    return { isAllowed: false, reason: isAsked ? 'not_agreed' : 'not_recorded' };
  }
  const labels = shortLabelsOf(caseDetailFields);
  const facts = fieldsForAgency(agency).map((field) => ({
    field,
    label: labels[field]![lang],
    value: valueOnLetter(c, field, lang, today),
  }));
  const givenBy = c.consentGivenBy ?? null;
  return {
    isAllowed: true,
    facts,
    consentGivenBy: givenBy === null ? null : labelOf(consentGivers, givenBy, lang),
    consentTakenOn: c.consentRecordedAt ? formatIndiaDate(indiaDateOf(c.consentRecordedAt)) : null,
  };
}

function valueOnLetter(c: Case, field: LetterField, lang: Lang, today: CalendarDate) {
  switch (field) {
    case 'survivorAgeYears': {
      const age = survivorAgeOn(
        {
          survivorDateOfBirth: c.survivorDateOfBirth ?? null,
          survivorAgeYears: c.survivorAgeYears ?? null,
          registeredAt: c.registeredAt,
        },
        today,
      );
      return age === null ? null : String(age);
    }
    case 'survivorDistrictCode':
      return c.survivorDistrictCode ? labelOf(districts, c.survivorDistrictCode, lang) : null;
    case 'incidentDate':
      return c.incidentDate ? formatIndiaDate(c.incidentDate) : null;
    case 'violenceTypes': {
      const codes = c.violenceTypes ?? [];
      return codes.length > 0
        ? codes.map((code) => labelOf(violenceTypes, code, lang)).join(', ')
        : null;
    }
    case 'perpetratorRelationship':
      return c.perpetratorRelationship
        ? labelOf(perpetratorRelationships, c.perpetratorRelationship, lang)
        : null;
    default:
      return c[field] || null;
  }
}
