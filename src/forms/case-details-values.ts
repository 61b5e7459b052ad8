/**
 * Her case's details as a form holds them (strings, so a half-typed age or phone survives),
 * how they become case fields, and what must be fixed before they may be saved. Shared by
 * intake (registering her) and the case page (correcting her details later), so one set
 * of answers is checked the same way wherever it is typed.
 *
 * Cross-field rules come from the domain (checkCaseRules); this adds only what a form
 * knows: a required answer, a number that is not a number, a phone that is not a phone.
 */
import { checkCaseRules, type CaseRuleFacts } from '../domain/case-rules.ts';
import { caseDetailFields, type CaseDetailField } from '../domain/case-fields.ts';
import type { Case } from '../domain/case.ts';
import { normalizeIndianMobile } from '../domain/common-fields.ts';
import { indiaDateOf } from '../domain/india-time.ts';
import { caseProblems } from '../domain/vocabularies-problems.ts';
import { labelOf } from '../domain/vocabulary.ts';
import { fill } from '../i18n/define-messages.ts';
import type { Lang } from '../i18n/lang.ts';
import { intakeMessages } from '../i18n/messages-intake.ts';
import { fromLocalDateTimeInput, isCalendarDateInput } from '../ui/datetime.ts';
import {
  emptyFormValuesOf,
  formValuesOf,
  maxLengthsOf,
  toStoredFields,
  toWholeNumber,
  type FormValuesOf,
} from './case-field-values.ts';

/**
 * The answers, one per field of the case field table. consentRecordedAt is held as a
 * datetime-local input holds it: 'YYYY-MM-DDTHH:mm', the tablet's local time.
 */
export type CaseDetailsValues = FormValuesOf<typeof caseDetailFields>;

/** Every form field is the case field of the same name. */
export type CaseDetailsField = CaseDetailField;

/** The case fields these answers stand for. */
export type CaseDetails = Pick<Case, CaseDetailsField>;

export type FieldErrors = Partial<Record<CaseDetailsField, string>>;

export const emptyCaseDetails: CaseDetailsValues = emptyFormValuesOf(caseDetailFields);

/** The case fields as they would be saved (records never hold ''). */
export function toCaseDetails(values: CaseDetailsValues): CaseDetails {
  // The conversions follow each field's spec, whose schema is the case schema's.
  return toStoredFields(caseDetailFields, values) as CaseDetails;
}

/** A saved case's details as the form shows them, to correct them. */
export function caseDetailsValuesOf(c: Case): CaseDetailsValues {
  return formValuesOf(caseDetailFields, c);
}

/** Whether anything at all has been typed or chosen. */
export function hasAnyInput(values: CaseDetailsValues): boolean {
  return (Object.keys(emptyCaseDetails) as CaseDetailsField[]).some(
    (field) => JSON.stringify(values[field]) !== JSON.stringify(emptyCaseDetails[field]),
  );
}

/**
 * Answers kept from an older version of the form (a draft) keep what still fits and fill in
 * the rest, so a field added since starts empty.
 */
export function restoreCaseDetails(saved: unknown): CaseDetailsValues {
  const restored: CaseDetailsValues = { ...emptyCaseDetails };
  if (typeof saved !== 'object' || saved === null) return restored;
  for (const field of Object.keys(emptyCaseDetails) as CaseDetailsField[]) {
    const value = (saved as Record<string, unknown>)[field];
    const empty = emptyCaseDetails[field];
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

const maxLengths = maxLengthsOf(caseDetailFields);
const dateFields = (Object.keys(caseDetailFields) as CaseDetailsField[]).filter(
  (field) => caseDetailFields[field].kind === 'date',
);

const ageLimits = caseDetailFields.survivorAgeYears;
const childrenLimits = caseDetailFields.childrenAccompanying;

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
    toWholeNumber(values.survivorAgeYears, ageLimits.min, ageLimits.max) === null
  )
    add('survivorAgeYears', t.errorAge);
  if (values.survivorPhone.trim() !== '' && normalizeIndianMobile(values.survivorPhone) === null)
    add('survivorPhone', t.errorPhone);
  if (
    values.childrenAccompanying.trim() !== '' &&
    toWholeNumber(values.childrenAccompanying, childrenLimits.min, childrenLimits.max) === null
  )
    add('childrenAccompanying', t.errorChildren);
  for (const field of dateFields) {
    const value = values[field];
    if (typeof value === 'string' && value !== '' && !isCalendarDateInput(value))
      add(field, t.errorDate);
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
