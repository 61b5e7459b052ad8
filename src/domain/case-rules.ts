/**
 * Rules across the fields of a case, and what follows from her age.
 *
 * These find problems; they never block sync. Forms run checkCaseRules before saving and
 * refuse to save on a problem; screens run it on merged cases to show what needs a
 * person's attention (see case.ts for why the schema cannot hold these).
 */
import type { Case, CaseField } from './case.ts';
import type { MinorStep } from './code-schemas.ts';
import { indiaDateOf, wholeYearsBetween, type CalendarDate } from './india-time.ts';
import type { CaseProblemCode, RuleProblem } from './vocabularies-problems.ts';

export type CaseProblem = RuleProblem<CaseProblemCode, CaseField>;

/** What her age is read from: a form that has not saved her case yet can supply these. */
export type AgeFacts = Pick<Case, 'survivorDateOfBirth' | 'survivorAgeYears' | 'registeredAt'>;

/** What tells whether the law expects the steps for a girl. */
export type MinorFacts = AgeFacts & Pick<Case, 'incidentDate'>;

/** Every field checkCaseRules reads. */
export type CaseRuleFacts = MinorFacts &
  Pick<
    Case,
    | 'status'
    | 'closureReason'
    | 'closureNote'
    | 'closureApprovedBy'
    | 'closureApprovedAt'
    | 'consentToServices'
    | 'consentSharingAgencies'
    | 'consentToReporting'
    | 'consentGivenBy'
    | 'consentGiverName'
    | 'consentRecordedAt'
  >;

export const adultAgeYears = 18;

// A given age and a date of birth disagree only when more than a year apart: people often
// give the age they are turning, or the age at last harvest.
const ageToleranceYears = 1;

/**
 * Her age in whole years on a date: from her date of birth when known; otherwise from the
 * age she gave at registration, plus the years since. Null when neither was recorded.
 */
export function survivorAgeOn(c: AgeFacts, date: CalendarDate): number | null {
  return ageFromDateOfBirth(c, date) ?? ageFromGivenAge(c, date);
}

function ageFromDateOfBirth(c: AgeFacts, date: CalendarDate): number | null {
  return c.survivorDateOfBirth === null ? null : wholeYearsBetween(c.survivorDateOfBirth, date);
}

function ageFromGivenAge(c: AgeFacts, date: CalendarDate): number | null {
  if (c.survivorAgeYears === null) return null;
  return c.survivorAgeYears + wholeYearsBetween(indiaDateOf(c.registeredAt), date);
}

/**
 * Whether she is under 18 on `date`, by her date of birth or by the age she gave. When the
 * two disagree, either one saying so is enough: treating a girl as an adult is the worse
 * mistake.
 */
export function isMinor(c: AgeFacts, date: CalendarDate): boolean {
  return [ageFromDateOfBirth(c, date), ageFromGivenAge(c, date)].some(
    (age) => age !== null && age < adultAgeYears,
  );
}

/**
 * The steps the law expects on this case: POCSO reporting and a Child Welfare Committee
 * referral when she was under 18 at the incident or at registration, even if she has
 * turned 18 since.
 */
export function expectedStepsForMinor(c: MinorFacts): MinorStep[] {
  const wasMinor =
    isMinor(c, indiaDateOf(c.registeredAt)) ||
    (c.incidentDate !== null && isMinor(c, c.incidentDate));
  return wasMinor ? ['pocso_police_report', 'cwc_referral'] : [];
}

/** `today` is the calendar date in India (indiaDateOf(now)). */
export function checkCaseRules(c: CaseRuleFacts, today: CalendarDate): CaseProblem[] {
  return [...checkClosure(c), ...checkDatesAndAge(c, today), ...checkConsent(c, today)];
}

function checkClosure(c: CaseRuleFacts): CaseProblem[] {
  const problems: CaseProblem[] = [];
  if (c.status === 'closed') {
    if (c.closureReason === null) problems.push(problem('closure_reason_missing', 'closureReason'));
    if (c.closureApprovedBy === null && c.closureApprovedAt === null) {
      problems.push(problem('closure_approval_missing', 'closureApprovedBy'));
    }
  } else if (c.closureApprovedBy !== null || c.closureApprovedAt !== null) {
    problems.push(problem('closure_approval_on_open_case', 'status'));
  }
  if ((c.closureApprovedBy === null) !== (c.closureApprovedAt === null)) {
    problems.push(problem('closure_approval_incomplete', 'closureApprovedBy'));
  }
  if (c.closureReason === 'other' && c.closureNote === null) {
    problems.push(problem('closure_note_missing', 'closureNote'));
  }
  return problems;
}

function checkDatesAndAge(c: CaseRuleFacts, today: CalendarDate): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const birth = c.survivorDateOfBirth;
  if (birth !== null && birth > today) {
    problems.push(problem('date_of_birth_in_future', 'survivorDateOfBirth'));
  }
  if (c.incidentDate !== null && c.incidentDate > today) {
    problems.push(problem('incident_date_in_future', 'incidentDate'));
  }
  if (birth !== null && c.incidentDate !== null && c.incidentDate < birth) {
    problems.push(problem('incident_before_birth', 'incidentDate'));
  }
  if (birth !== null && c.survivorAgeYears !== null) {
    const ageAtRegistration = wholeYearsBetween(birth, indiaDateOf(c.registeredAt));
    if (Math.abs(ageAtRegistration - c.survivorAgeYears) > ageToleranceYears) {
      problems.push(problem('age_disagrees_with_date_of_birth', 'survivorAgeYears'));
    }
  }
  return problems;
}

function checkConsent(c: CaseRuleFacts, today: CalendarDate): CaseProblem[] {
  const problems: CaseProblem[] = [];
  if (c.consentSharingAgencies.length > 0 && c.consentToServices !== true) {
    problems.push(problem('sharing_without_service_consent', 'consentSharingAgencies'));
  }
  const isConsentRecorded = c.consentToServices !== null || c.consentToReporting !== null;
  if (isConsentRecorded && c.consentGivenBy === null) {
    problems.push(problem('consent_giver_missing', 'consentGivenBy'));
  }
  if (isConsentRecorded && c.consentRecordedAt === null) {
    problems.push(problem('consent_time_missing', 'consentRecordedAt'));
  }
  const isGivenByOther = c.consentGivenBy !== null && c.consentGivenBy !== 'survivor';
  if (isGivenByOther && c.consentGiverName === null) {
    problems.push(problem('consent_giver_name_missing', 'consentGiverName'));
  }
  // Her age when she gave consent matters, not today's: a girl who consented at 17 did not.
  const consentDate = c.consentRecordedAt === null ? today : indiaDateOf(c.consentRecordedAt);
  if (c.consentGivenBy === 'survivor' && isMinor(c, consentDate)) {
    problems.push(problem('minor_consent_needs_guardian', 'consentGivenBy'));
  }
  return problems;
}

function problem(code: CaseProblemCode, field: CaseField): CaseProblem {
  return { code, field };
}
