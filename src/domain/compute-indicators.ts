/**
 * The indicators of report-indicators.ts counted over records in memory: the tablet's
 * count of its own centre. The server counts the same definitions in SQL; both must give
 * the same figures for the same records, so every rule here is one of that file's
 * definitions and nothing else.
 *
 * What must always hold:
 * - Pure: the figures depend only on the arguments (asOf is passed, never read from a clock).
 * - A removed case counts nowhere, and neither does any entry of it, nor an entry whose
 *   case is not among `cases` (the server joins entries to their case the same way).
 * - Every vocabulary code is present, with 0 when nothing names it; all 75 districts are
 *   in byDistrict; `monthly` has one row for every month of the period.
 */
import type { Case } from './case.ts';
import { closureReasons, violenceTypes } from './vocabularies-case.ts';
import { referralAgencies, referralStatuses, serviceKinds } from './vocabularies-entries.ts';
import { districts, type DistrictCode } from './districts.ts';
import type { z } from './zod.ts';
import type {
  Entry,
  EntryKind,
  entrySchemas,
  FollowUpEntry,
  ReferralEntry,
  StayEntry,
} from './entries.ts';
import {
  daysBetween,
  indiaDateOf,
  wholeYearsBetween,
  type CalendarDate,
  type Instant,
} from './india-time.ts';
import {
  ageGroupOf,
  ageGroups,
  arrivalRouteGroupOf,
  arrivalRouteGroups,
  NONE_RECORDED,
  STAY_LIMIT_DAYS,
  type IndicatorReport,
  type ReportMonth,
  type ReportPeriod,
} from './report-indicators.ts';
import { codesOf, type Vocabulary } from './vocabulary.ts';

type Counts = Record<string, number>;
type EntryOf<K extends EntryKind> = z.infer<(typeof entrySchemas)[K]>;

export function computeIndicatorReport(
  cases: readonly Case[],
  entries: readonly Entry[],
  period: ReportPeriod,
  asOf: Date,
  districtOfCentre: (centreId: string) => DistrictCode | null,
): IndicatorReport {
  const months = monthsOf(period);
  const isInPeriod = (instant: Instant | null): instant is Instant =>
    instant !== null && isMonthIn(monthOf(instant), period);
  const liveCases = cases.filter((c) => !c.deleted);
  const liveCaseIds = new Set(liveCases.map((c) => c.id));
  const liveEntries = entries.filter(
    ({ entry }) => !entry.deleted && liveCaseIds.has(entry.caseId),
  );
  const registered = liveCases.filter((c) => isInPeriod(c.registeredAt));
  const closed = liveCases.filter((c) => c.status === 'closed' && isInPeriod(c.closureApprovedAt));
  const services = liveEntries.flatMap((e) =>
    e.entryType === 'service' && isInPeriod(e.entry.givenAt) ? [e.entry] : [],
  );
  const ageGroupsOf = registered.map((c) => ageGroupOf(ageAtRegistration(c)));

  return {
    period,
    asOf: asOf.toISOString(),
    casesRegistered: registered.length,
    byViolenceType: countCodes(
      zeroCounts(violenceTypes, NONE_RECORDED),
      registered.flatMap((c) => c.violenceTypes ?? [NONE_RECORDED]),
    ),
    byAgeGroup: countCodes(zeroCounts(ageGroups), ageGroupsOf),
    minors: ageGroupsOf.filter((group) => group === 'under_18').length,
    byArrivalRoute: countCodes(
      zeroCounts(arrivalRouteGroups),
      registered.map((c) => arrivalRouteGroupOf(c.arrivalRoute)),
    ),
    byDistrict: countCodes(
      zeroCounts(districts),
      registered.flatMap((c) => districtOfCentre(c.centreId) ?? []),
    ),
    servicesByKind: countCodes(
      zeroCounts(serviceKinds),
      services.map((service) => service.kind),
    ),
    stays: countStays(
      entriesOf(liveEntries, 'stay').filter((s) => isInPeriod(s.admittedAt)),
      asOf,
    ),
    referrals: countReferrals(
      entriesOf(liveEntries, 'referral').filter((r) => isInPeriod(r.referredAt)),
    ),
    followUps: countFollowUps(entriesOf(liveEntries, 'followUp'), period, asOf),
    closedByReason: countCodes(
      zeroCounts(closureReasons, NONE_RECORDED),
      closed.map((c) => c.closureReason ?? NONE_RECORDED),
    ),
    monthly: months.map((month) => ({
      month,
      casesRegistered: registered.filter((c) => monthOf(c.registeredAt) === month).length,
      servicesGiven: services.filter((s) => monthOf(s.givenAt) === month).length,
      casesClosed: closed.filter(
        (c) => c.closureApprovedAt !== null && monthOf(c.closureApprovedAt) === month,
      ).length,
    })),
  };
}

/** The month, in India time, in which an instant falls. */
export function monthOf(instant: Instant): ReportMonth {
  return indiaDateOf(instant).slice(0, 7);
}

/** Every month of the period, oldest first, both ends included. */
export function monthsOf(period: ReportPeriod): ReportMonth[] {
  const months: ReportMonth[] = [];
  let [year, month] = period.from.split('-').map(Number) as [number, number];
  for (;;) {
    const current = `${String(year)}-${String(month).padStart(2, '0')}`;
    if (current > period.to) return months;
    months.push(current);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

/**
 * The age she gave at registration; when she gave none but her date of birth is known, her
 * age on the day she was registered, as a manager filling the form would count it.
 */
export function ageAtRegistration(
  c: Pick<Case, 'survivorAgeYears' | 'survivorDateOfBirth' | 'registeredAt'>,
): number | null {
  if (c.survivorAgeYears !== null) return c.survivorAgeYears;
  if (c.survivorDateOfBirth === null) return null;
  return wholeYearsBetween(c.survivorDateOfBirth, indiaDateOf(c.registeredAt));
}

function isMonthIn(month: ReportMonth, period: ReportPeriod): boolean {
  return month >= period.from && month <= period.to;
}

function countStays(admissions: readonly StayEntry[], asOf: Date): IndicatorReport['stays'] {
  const today = indiaDateOf(asOf);
  const lengthOf = (stay: StayEntry, end: CalendarDate) =>
    daysBetween(indiaDateOf(stay.admittedAt), end);
  const discharged = admissions.flatMap((stay) =>
    stay.dischargedAt === null ? [] : [lengthOf(stay, indiaDateOf(stay.dischargedAt))],
  );
  const totalDays = discharged.reduce((sum, days) => sum + days, 0);
  return {
    admissions: admissions.length,
    averageLengthDays:
      discharged.length === 0 ? null : Math.round((totalDays * 10) / discharged.length) / 10,
    overFiveDays: admissions.filter(
      (stay) =>
        lengthOf(stay, stay.dischargedAt === null ? today : indiaDateOf(stay.dischargedAt)) >
        STAY_LIMIT_DAYS,
    ).length,
  };
}

function countReferrals(sent: readonly ReferralEntry[]): IndicatorReport['referrals'] {
  return {
    byAgency: countCodes(
      zeroCounts(referralAgencies),
      sent.map((referral) => referral.agency),
    ),
    byStatus: countCodes(
      zeroCounts(referralStatuses),
      sent.map((referral) => referral.status),
    ),
  };
}

function countFollowUps(
  followUps: readonly FollowUpEntry[],
  period: ReportPeriod,
  asOf: Date,
): IndicatorReport['followUps'] {
  const today = indiaDateOf(asOf);
  return {
    done: followUps.filter((f) => f.doneAt !== null && isMonthIn(monthOf(f.doneAt), period)).length,
    overdue: followUps.filter(
      (f) => f.doneAt === null && isMonthIn(f.dueDate.slice(0, 7), period) && f.dueDate < today,
    ).length,
  };
}

function entriesOf<K extends EntryKind>(entries: readonly Entry[], entryType: K): EntryOf<K>[] {
  return entries.filter((e) => e.entryType === entryType).map((e) => e.entry as EntryOf<K>);
}

function zeroCounts(vocabulary: Vocabulary, ...extraCodes: string[]): Counts {
  return Object.fromEntries([...codesOf(vocabulary), ...extraCodes].map((code) => [code, 0]));
}

/** Adds one per code; a code no vocabulary knows (a newer app's) is counted under itself. */
function countCodes(counts: Counts, codes: readonly string[]): Counts {
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
