/**
 * The intake form's values as typed (strings, so a half-typed age or phone survives in the
 * draft), how they become a case, and what must be fixed before each step goes on.
 * Cross-field rules come from the domain (checkCaseRules); this adds only what a form
 * knows: a required answer, a number that is not a number, a phone that is not a phone.
 */
import type { CaseIntake, StaffMember } from '../../data/case-store.ts';
import { checkCaseRules, expectedStepsForMinor } from '../../domain/case-rules.ts';
import type { Case } from '../../domain/case.ts';
import type {
  ArrivalRoute,
  ConsentGiver,
  EducationLevel,
  MinorStep,
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
import type { Lang } from '../../i18n/lang.ts';
import { fill } from '../../i18n/define-messages.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fromLocalDateTimeInput, isCalendarDateInput } from '../../ui/datetime.ts';

export interface IntakeValues {
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

export type IntakeField = keyof IntakeValues;

export const emptyIntake: IntakeValues = {
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

export type IntakeStep =
  'arrival' | 'survivor' | 'minor' | 'incident' | 'consent' | 'risk' | 'review';

export const stepFields: Record<IntakeStep, readonly IntakeField[]> = {
  arrival: ['arrivalRoute'],
  survivor: [
    'survivorName',
    'survivorAlias',
    'survivorAgeYears',
    'survivorDateOfBirth',
    'survivorPhone',
    'survivorAddress',
    'survivorDistrictCode',
    'survivorMaritalStatus',
    'survivorEducation',
    'survivorOccupation',
    'survivorDisability',
    'childrenAccompanying',
  ],
  minor: [],
  incident: [
    'incidentDate',
    'incidentPlace',
    'violenceTypes',
    'perpetratorName',
    'perpetratorRelationship',
    'incidentNarrative',
  ],
  consent: [
    'consentToServices',
    'consentSharingAgencies',
    'consentToReporting',
    'consentGivenBy',
    'consentGiverName',
    'consentRecordedAt',
  ],
  risk: ['riskLevel', 'safetyPlan'],
  review: [],
};

/**
 * What the law expects for her case if she is a girl: under 18 now, or at the incident
 * (expectedStepsForMinor). Empty for a woman.
 */
export function minorStepsFor(values: IntakeValues, now: Date): MinorStep[] {
  return expectedStepsForMinor(toCase(values, placeholderStaff, now));
}

/** The steps for these answers: a girl under 18 gets the POCSO / Child Welfare Committee step. */
export function stepsFor(values: IntakeValues, now: Date): IntakeStep[] {
  const isMinor = minorStepsFor(values, now).length > 0;
  return [
    'arrival',
    'survivor',
    ...(isMinor ? (['minor'] as const) : []),
    'incident',
    'consent',
    'risk',
    'review',
  ];
}

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

// Stand-ins for the fields the store sets at save time; the rules only read registeredAt.
const placeholderId = '00000000-0000-7000-8000-000000000000';
const placeholderStaff: Pick<StaffMember, 'userId' | 'centreId'> = {
  userId: placeholderId,
  centreId: placeholderId,
};

/** What the store needs to register her case. */
export function toCaseIntake(values: IntakeValues, staff: Pick<StaffMember, 'userId'>): CaseIntake {
  return {
    arrivalRoute: values.arrivalRoute === '' ? 'other' : values.arrivalRoute,
    status: 'open',
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
    closureReason: null,
    closureNote: null,
    closureRequestedBy: null,
    closureRequestedAt: null,
    closureApprovedBy: null,
    closureApprovedAt: null,
    assignedStaffIds: [staff.userId],
  };
}

/** The case as it would be saved now, for the domain rules to read. */
function toCase(
  values: IntakeValues,
  staff: Pick<StaffMember, 'userId' | 'centreId'>,
  now: Date,
): Case {
  return {
    ...toCaseIntake(values, staff),
    id: placeholderId,
    centreId: staff.centreId,
    caseNumber: 'LKO-2026-AA-0001',
    registeredAt: now.toISOString(),
    registeredBy: staff.userId,
    deleted: false,
  };
}

export type FieldErrors = Partial<Record<IntakeField, string>>;

const maxLengths: Partial<Record<IntakeField, number>> = {
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

/** Every problem in the form, per field, in her language. */
export function checkIntake(values: IntakeValues, now: Date, lang: Lang): FieldErrors {
  const t = intakeMessages[lang];
  const errors: FieldErrors = {};
  const add = (field: IntakeField, message: string) => {
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
  for (const [field, max] of Object.entries(maxLengths) as [IntakeField, number][]) {
    const value = values[field];
    if (typeof value === 'string' && value.trim().length > max)
      add(field, fill(t.errorTooLong, { max }));
  }
  if (values.riskLevel === '') add('riskLevel', t.errorRiskRequired);
  if (values.riskLevel === 'high' && values.safetyPlan.trim() === '')
    add('safetyPlan', t.errorSafetyPlanRequired);

  const caseToCheck = toCase(values, placeholderStaff, now);
  for (const problem of checkCaseRules(caseToCheck, indiaDateOf(now))) {
    const field = problem.field;
    if (field in values) add(field as IntakeField, labelOf(caseProblems, problem.code, lang));
  }
  return errors;
}

export function errorsForStep(errors: FieldErrors, step: IntakeStep): FieldErrors {
  return Object.fromEntries(
    stepFields[step].filter((field) => errors[field]).map((field) => [field, errors[field]]),
  );
}

/** Whether anything at all has been typed or chosen. */
export function hasAnyInput(values: IntakeValues): boolean {
  return (Object.keys(emptyIntake) as IntakeField[]).some(
    (field) => JSON.stringify(values[field]) !== JSON.stringify(emptyIntake[field]),
  );
}

/** A draft from an older version of the form keeps what still fits and fills in the rest. */
export function restoreIntake(saved: unknown): IntakeValues {
  const restored: IntakeValues = { ...emptyIntake };
  if (typeof saved !== 'object' || saved === null) return restored;
  for (const field of Object.keys(emptyIntake) as IntakeField[]) {
    const value = (saved as Record<string, unknown>)[field];
    const empty = emptyIntake[field];
    if (
      Array.isArray(empty)
        ? Array.isArray(value)
        : typeof value === typeof empty || (empty === null && typeof value === 'boolean')
    ) {
      (restored as unknown as Record<string, unknown>)[field] = value;
    }
  }
  return restored;
}
