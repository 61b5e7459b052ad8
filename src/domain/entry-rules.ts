/**
 * Rules across the fields of an entry, and when an entry needs someone's attention.
 * Like checkCaseRules, these find problems for forms and screens; they never block sync.
 */
import type { ServiceKind } from './code-schemas.ts';
import type { FollowUpEntry, ServiceEntry, StayEntry } from './entries.ts';
import { addDays, indiaDateOf, type CalendarDate, type Instant } from './india-time.ts';
import type { RuleProblem, ServiceProblemCode, StayProblemCode } from './vocabularies-problems.ts';

/** A short stay (अल्प प्रवास) lasts up to five days, by the One Stop Centre scheme. */
export const stayDaysAllowed = 5;

export type StayProblem = RuleProblem<StayProblemCode, keyof StayEntry>;
export type ServiceProblem = RuleProblem<ServiceProblemCode, keyof ServiceEntry>;

/** The last day she may stay without a recorded reason: admission day + stayDaysAllowed. */
export function stayLimitDate(stay: StayEntry): CalendarDate {
  return addDays(indiaDateOf(stay.admittedAt), stayDaysAllowed);
}

/**
 * The day her stay is due to end: the extension or the plan, but never past the limit
 * unless a reason for the longer stay is recorded.
 */
export function stayEndDate(stay: StayEntry): CalendarDate {
  const end = stay.extendedUntil ?? stay.plannedDischargeDate;
  const limit = stayLimitDate(stay);
  return stay.extensionReason === null && end > limit ? limit : end;
}

export function checkStayRules(stay: StayEntry): StayProblem[] {
  const problems: StayProblem[] = [];
  const add = (code: StayProblemCode, field: keyof StayEntry) => problems.push({ code, field });
  if (stay.plannedDischargeDate < indiaDateOf(stay.admittedAt)) {
    add('planned_discharge_before_admission', 'plannedDischargeDate');
  }
  if (stay.plannedDischargeDate > stayLimitDate(stay) && stay.extensionReason === null) {
    add('stay_beyond_limit_without_reason', 'extensionReason');
  }
  if (stay.extendedUntil !== null) {
    if (stay.extensionReason === null) add('extension_without_reason', 'extensionReason');
    if (stay.extendedUntil <= stay.plannedDischargeDate) {
      add('extension_not_after_planned_discharge', 'extendedUntil');
    }
  }
  // Instants are compared as times: their text may differ in fractional seconds.
  if (stay.dischargedAt !== null && Date.parse(stay.dischargedAt) < Date.parse(stay.admittedAt)) {
    add('discharged_before_admission', 'dischargedAt');
  }
  if (stay.dischargedAt !== null && stay.dischargedTo === null) {
    add('discharge_destination_missing', 'dischargedTo');
  }
  if (stay.dischargedAt === null && stay.dischargedTo !== null) {
    add('discharge_time_missing', 'dischargedAt');
  }
  return problems;
}

/** She is still in the centre after the day her stay was due to end. */
export function isStayOverdue(stay: StayEntry, now: Instant | Date): boolean {
  if (stay.deleted || stay.dischargedAt !== null) return false;
  return indiaDateOf(now) > stayEndDate(stay);
}

/**
 * A follow-up is planned ahead: a due day already past (India time) is a slip of the
 * date picker, so the form refuses it. Due today is allowed.
 */
export function isDueDateInPast(dueDate: CalendarDate, today: CalendarDate): boolean {
  return dueDate < today;
}

/** Not made, and its due day (India time) has passed; a follow-up due today is not late. */
export function isFollowUpOverdue(followUp: FollowUpEntry, today: CalendarDate): boolean {
  return !followUp.deleted && followUp.doneAt === null && followUp.dueDate < today;
}

type KindSpecificField = keyof Pick<
  ServiceEntry,
  | 'hospitalName'
  | 'firNumber'
  | 'policeStation'
  | 'dlsaAdvocateName'
  | 'courtName'
  | 'interpretationLanguage'
>;

/** Which of the kind-specific fields a form shows for each kind of service. */
export const serviceKindFields = {
  medical_aid: ['hospitalName'],
  counselling: [],
  police_help: ['firNumber', 'policeStation'],
  legal_aid: ['dlsaAdvocateName', 'courtName'],
  rescue: [],
  video_conference_statement: ['policeStation', 'courtName'],
  interpretation: ['interpretationLanguage'],
  other: [],
} as const satisfies Record<ServiceKind, readonly KindSpecificField[]>;

const kindSpecificFields: readonly KindSpecificField[] = [
  'hospitalName',
  'firNumber',
  'policeStation',
  'dlsaAdvocateName',
  'courtName',
  'interpretationLanguage',
];

/** A detail filled in for another kind of service, e.g. after the kind was corrected. */
export function checkServiceRules(service: ServiceEntry): ServiceProblem[] {
  const allowed: readonly KindSpecificField[] = serviceKindFields[service.kind];
  return kindSpecificFields
    .filter((field) => service[field] !== null && !allowed.includes(field))
    .map((field) => ({ code: 'field_not_for_service_kind', field }));
}
