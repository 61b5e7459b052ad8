/**
 * Intake in steps: which answers each step asks, which steps her answers call for, and how
 * the answers become a new case. The answers themselves and their checks are shared with
 * the case page's correction form (src/ui/case-details/case-details-values.ts).
 */
import type { CaseIntake, StaffMember } from '../../data/case-store.ts';
import { expectedStepsForMinor } from '../../domain/case-rules.ts';
import type { Case } from '../../domain/case.ts';
import type { MinorStep } from '../../domain/code-schemas.ts';
import type { Lang } from '../../i18n/lang.ts';
import {
  checkCaseDetails,
  emptyCaseDetails,
  toCaseDetails,
  type CaseDetailsField,
  type CaseDetailsValues,
  type FieldErrors,
} from '../../ui/case-details/case-details-values.ts';

export type IntakeStep =
  'arrival' | 'survivor' | 'minor' | 'incident' | 'consent' | 'risk' | 'review';

export const stepFields: Record<IntakeStep, readonly CaseDetailsField[]> = {
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
export function minorStepsFor(values: CaseDetailsValues, now: Date): MinorStep[] {
  return expectedStepsForMinor(toCase(values, placeholderStaff, now));
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

// Stand-ins for the fields the store sets at save time; the rules only read registeredAt.
const placeholderId = '00000000-0000-7000-8000-000000000000';
const placeholderStaff: Pick<StaffMember, 'userId' | 'centreId'> = {
  userId: placeholderId,
  centreId: placeholderId,
};

/** What the store needs to register her case. */
export function toCaseIntake(
  values: CaseDetailsValues,
  staff: Pick<StaffMember, 'userId'>,
): CaseIntake {
  return {
    ...toCaseDetails(values),
    status: 'open',
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
  values: CaseDetailsValues,
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

/** Every problem in the form, per field, in her language. */
export function checkIntake(values: CaseDetailsValues, now: Date, lang: Lang): FieldErrors {
  return checkCaseDetails(values, toCase(values, placeholderStaff, now), now, lang);
}

export function errorsForStep(errors: FieldErrors, step: IntakeStep): FieldErrors {
  return Object.fromEntries(
    stepFields[step].filter((field) => errors[field]).map((field) => [field, errors[field]]),
  );
}

/** Whether anything at all has been typed or chosen. */
export function hasAnyInput(values: CaseDetailsValues): boolean {
  return (Object.keys(emptyCaseDetails) as CaseDetailsField[]).some(
    (field) => JSON.stringify(values[field]) !== JSON.stringify(emptyCaseDetails[field]),
  );
}

/** A draft from an older version of the form keeps what still fits and fills in the rest. */
export function restoreIntake(saved: unknown): CaseDetailsValues {
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
