/**
 * Her case's details as a form holds them (strings, so a half-typed age or phone survives),
 * how they become case fields, and what must be fixed before they may be saved. Shared by
 * intake (registering her) and the case page (correcting her details later), so one set
 * of answers is checked the same way wherever it is typed.
 *
 * Cross-field rules come from the domain (checkCaseRules); this adds only what a form
 * knows: a required answer, a number that is not a number, a phone that is not a phone.
 */
import { checkCaseRules, type CaseRuleFacts } from '../../domain/case-rules.ts';
import type { Case } from '../../domain/case.ts';
import type {
  ArrivalRoute,
  ConsentGiver,
  EducationLevel,
  MaritalStatus,
  Occupation,
  PerpetratorRelationship,
  ReferralAgency,
  RiskLevel,
  ViolenceType,
} from '../../domain/code-schemas.ts';
import { normalizeIndianMobile } from '../../domain/common-fields.ts';
import type { DistrictCode } from '../../domain/districts.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill } from '../../i18n/define-messages.ts';
import type { Lang } from '../../i18n/lang.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { fromLocalDateTimeInput, isCalendarDateInput, toLocalDateTimeInput } from '../datetime.ts';

export interface CaseDetailsValues {
  arrivalRoute: ArrivalRoute | '';
  survivorName: string;
  survivorAlias: string;
  survivorAgeYears: string;
  survivorDateOfBirth: string;
  survivorPhone: string;
  survivorAddress: string;
  survivorDistrictCode: DistrictCode | '';
  survivorMaritalStatus: MaritalStatus | '';
  survivorEducation: EducationLevel | '';
  survivorOccupation: Occupation | '';
  survivorDisability: string;
  childrenAccompanying: string;
  incidentDate: string;
  incidentPlace: string;
  violenceTypes: ViolenceType[];
  perpetratorName: string;
  perpetratorRelationship: PerpetratorRelationship | '';
  incidentNarrative: string;
  consentToServices: boolean | null;
  consentSharingAgencies: ReferralAgency[];
  consentToReporting: boolean | null;
  consentGivenBy: ConsentGiver | '';
  consentGiverName: string;
  /** As a datetime-local input holds it: 'YYYY-MM-DDTHH:mm', the tablet's local time. */
  consentRecordedAt: string;
  riskLevel: RiskLevel | '';
  safetyPlan: string;
}

/** Every form field is the case field of the same name. */
export type CaseDetailsField = keyof CaseDetailsValues;

/** The case fields these answers stand for. */
export type CaseDetails = Pick<Case, CaseDetailsField>;

export type FieldErrors = Partial<Record<CaseDetailsField, string>>;

export const emptyCaseDetails: CaseDetailsValues = {
  arrivalRoute: '',
  survivorName: '',
  survivorAlias: '',
  survivorAgeYears: '',
  survivorDateOfBirth: '',
  survivorPhone: '',
  survivorAddress: '',
  survivorDistrictCode: '',
  survivorMaritalStatus: '',
  survivorEducation: '',
  survivorOccupation: '',
  survivorDisability: '',
  childrenAccompanying: '',
  incidentDate: '',
  incidentPlace: '',
  violenceTypes: [],
  perpetratorName: '',
  perpetratorRelationship: '',
  incidentNarrative: '',
  consentToServices: null,
  consentSharingAgencies: [],
  consentToReporting: null,
  consentGivenBy: '',
  consentGiverName: '',
  consentRecordedAt: '',
  riskLevel: '',
  safetyPlan: '',
};

function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function code<C extends string>(value: C | ''): C | null {
  return value === '' ? null : value;
}

function wholeNumber(value: string, min: number, max: number): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : null;
}

/** The case fields as they would be saved (records never hold ''). */
export function toCaseDetails(values: CaseDetailsValues): CaseDetails {
  return {
    arrivalRoute: values.arrivalRoute === '' ? 'other' : values.arrivalRoute,
    survivorName: values.survivorName.trim(),
    survivorAlias: text(values.survivorAlias),
    survivorAgeYears: wholeNumber(values.survivorAgeYears, 0, 120),
    survivorDateOfBirth: isCalendarDateInput(values.survivorDateOfBirth)
      ? values.survivorDateOfBirth
      : null,
    survivorPhone: normalizeIndianMobile(values.survivorPhone),
    survivorAddress: text(values.survivorAddress),
    survivorDistrictCode: code(values.survivorDistrictCode),
    survivorMaritalStatus: code(values.survivorMaritalStatus),
    survivorEducation: code(values.survivorEducation),
    survivorOccupation: code(values.survivorOccupation),
    survivorDisability: text(values.survivorDisability),
    childrenAccompanying: wholeNumber(values.childrenAccompanying, 0, 20),
    incidentDate: isCalendarDateInput(values.incidentDate) ? values.incidentDate : null,
    incidentPlace: text(values.incidentPlace),
    violenceTypes: values.violenceTypes.length > 0 ? [...values.violenceTypes] : null,
    perpetratorName: text(values.perpetratorName),
    perpetratorRelationship: code(values.perpetratorRelationship),
    incidentNarrative: text(values.incidentNarrative),
    consentToServices: values.consentToServices,
    consentSharingAgencies: [...values.consentSharingAgencies],
    consentToReporting: values.consentToReporting,
    consentGivenBy: code(values.consentGivenBy),
    consentGiverName: text(values.consentGiverName),
    consentRecordedAt: fromLocalDateTimeInput(values.consentRecordedAt),
    riskLevel: code(values.riskLevel),
    safetyPlan: text(values.safetyPlan),
  };
}

/** A saved case's details as the form shows them, to correct them. */
export function caseDetailsValuesOf(c: Case): CaseDetailsValues {
  const number = (n: number | null) => (n === null ? '' : String(n));
  return {
    arrivalRoute: c.arrivalRoute,
    survivorName: c.survivorName,
    survivorAlias: c.survivorAlias ?? '',
    survivorAgeYears: number(c.survivorAgeYears),
    survivorDateOfBirth: c.survivorDateOfBirth ?? '',
    survivorPhone: c.survivorPhone ?? '',
    survivorAddress: c.survivorAddress ?? '',
    survivorDistrictCode: c.survivorDistrictCode ?? '',
    survivorMaritalStatus: c.survivorMaritalStatus ?? '',
    survivorEducation: c.survivorEducation ?? '',
    survivorOccupation: c.survivorOccupation ?? '',
    survivorDisability: c.survivorDisability ?? '',
    childrenAccompanying: number(c.childrenAccompanying),
    incidentDate: c.incidentDate ?? '',
    incidentPlace: c.incidentPlace ?? '',
    violenceTypes: [...(c.violenceTypes ?? [])],
    perpetratorName: c.perpetratorName ?? '',
    perpetratorRelationship: c.perpetratorRelationship ?? '',
    incidentNarrative: c.incidentNarrative ?? '',
    consentToServices: c.consentToServices,
    consentSharingAgencies: [...c.consentSharingAgencies],
    consentToReporting: c.consentToReporting,
    consentGivenBy: c.consentGivenBy ?? '',
    consentGiverName: c.consentGiverName ?? '',
    consentRecordedAt:
      c.consentRecordedAt === null ? '' : toLocalDateTimeInput(new Date(c.consentRecordedAt)),
    riskLevel: c.riskLevel ?? '',
    safetyPlan: c.safetyPlan ?? '',
  };
}

const maxLengths: Partial<Record<CaseDetailsField, number>> = {
  survivorName: 200,
  survivorAlias: 200,
  survivorAddress: 500,
  survivorDisability: 200,
  incidentPlace: 200,
  perpetratorName: 200,
  consentGiverName: 200,
  incidentNarrative: 20_000,
  safetyPlan: 20_000,
};

/** What the case rules read beside her details: when she was registered, and its closure. */
export type CaseFactsBesideDetails = Omit<CaseRuleFacts, CaseDetailsField>;

/**
 * Every problem in the answers, per field, in her language. `caseSoFar` is the rest of the
 * case these details belong to (its registration time and status): the domain rules read
 * her age from the age she gave at registration, so they must see the real facts.
 */
export function checkCaseDetails(
  values: CaseDetailsValues,
  caseSoFar: CaseFactsBesideDetails,
  now: Date,
  lang: Lang,
): FieldErrors {
  const t = intakeMessages[lang];
  const errors: FieldErrors = {};
  const add = (field: CaseDetailsField, message: string) => {
    errors[field] ??= message;
  };
  if (values.arrivalRoute === '') add('arrivalRoute', t.errorArrivalRequired);
  if (values.survivorName.trim() === '') add('survivorName', t.errorNameRequired);
  if (
    values.survivorAgeYears.trim() !== '' &&
    wholeNumber(values.survivorAgeYears, 0, 120) === null
  )
    add('survivorAgeYears', t.errorAge);
  if (values.survivorPhone.trim() !== '' && normalizeIndianMobile(values.survivorPhone) === null)
    add('survivorPhone', t.errorPhone);
  if (
    values.childrenAccompanying.trim() !== '' &&
    wholeNumber(values.childrenAccompanying, 0, 20) === null
  )
    add('childrenAccompanying', t.errorChildren);
  for (const field of ['survivorDateOfBirth', 'incidentDate'] as const) {
    if (values[field] !== '' && !isCalendarDateInput(values[field])) add(field, t.errorDate);
  }
  if (values.consentRecordedAt !== '' && fromLocalDateTimeInput(values.consentRecordedAt) === null)
    add('consentRecordedAt', t.errorConsentTime);
  for (const [field, max] of Object.entries(maxLengths) as [CaseDetailsField, number][]) {
    const value = values[field];
    if (typeof value === 'string' && value.trim().length > max)
      add(field, fill(t.errorTooLong, { max }));
  }
  if (values.riskLevel === '') add('riskLevel', t.errorRiskRequired);
  if (values.riskLevel === 'high' && values.safetyPlan.trim() === '')
    add('safetyPlan', t.errorSafetyPlanRequired);

  const caseToCheck: CaseRuleFacts = { ...caseSoFar, ...toCaseDetails(values) };
  for (const problem of checkCaseRules(caseToCheck, indiaDateOf(now))) {
    const field = problem.field;
    if (field in values) add(field as CaseDetailsField, labelOf(caseProblems, problem.code, lang));
  }
  return errors;
}
