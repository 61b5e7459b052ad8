/**
 * Intake in steps: which answers each step asks, which steps her answers call for, and how
 * the answers become a new case. The answers themselves and their checks are shared with
 * the case page's correction form (src/forms/case-details-values.ts).
 */
import type { CaseIntake, StaffMember } from '../../data/case-store.ts';
import { expectedStepsForMinor } from '../../domain/case-rules.ts';
import { caseDetailFields, fieldsByStep } from '../../domain/case-fields.ts';
import { openCaseStatus } from '../../domain/case.ts';
import type { MinorStep } from '../../domain/code-schemas.ts';
import type { Lang } from '../../i18n/lang.ts';
import {
  checkCaseDetails,
  toCaseDetails,
  type CaseDetailsField,
  type CaseFactsBesideDetails,
  type CaseDetailsValues,
  type FieldErrors,
} from '../../forms/case-details-values.ts';

export type IntakeStep =
  'arrival' | 'survivor' | 'minor' | 'incident' | 'consent' | 'risk' | 'review';

export const stepFields: Record<IntakeStep, readonly CaseDetailsField[]> = {
  ...fieldsByStep(caseDetailFields),
  minor: [],
  review: [],
};

/**
 * What the law expects for her case if she is a girl: under 18 now, or at the incident
 * (expectedStepsForMinor). Empty for a woman.
 */
export function minorStepsFor(values: CaseDetailsValues, now: Date): MinorStep[] {
  return expectedStepsForMinor({ ...toCaseDetails(values), registeredAt: now.toISOString() });
}

/** The steps for these answers: a girl under 18 gets the POCSO / Child Welfare Committee step. */
export function stepsFor(values: CaseDetailsValues, now: Date): IntakeStep[] {
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

/** The rules read her age as of registration: for a case not saved yet, that is now. */
function unsavedCaseFacts(now: Date): CaseFactsBesideDetails {
  return { ...openCaseStatus, registeredAt: now.toISOString() };
}

/** What the store needs to register her case. */
export function toCaseIntake(
  values: CaseDetailsValues,
  staff: Pick<StaffMember, 'userId'>,
): CaseIntake {
  return { ...toCaseDetails(values), ...openCaseStatus, assignedStaffIds: [staff.userId] };
}

/** Every problem in the form, per field, in her language. */
export function checkIntake(values: CaseDetailsValues, now: Date, lang: Lang): FieldErrors {
  return checkCaseDetails(values, unsavedCaseFacts(now), now, lang);
}

export function errorsForStep(errors: FieldErrors, step: IntakeStep): FieldErrors {
  return Object.fromEntries(
    stepFields[step].filter((field) => errors[field]).map((field) => [field, errors[field]]),
  );
}
