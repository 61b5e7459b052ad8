/**
 * The indicators a centre files every month and headquarters reads district by district:
 * one definition, computed twice — in SQL on the server over every centre's records, and
 * on the tablet over its own centre's records — and both must give the same figures for
 * the same data.
 *
 * What must always hold:
 * - Only counts leave a report: no names, phones, free text, case numbers or ids.
 * - Every date is read in India time: a case registered on 31 December at 23:30 IST
 *   (18:00 UTC) belongs to December of that year. Months are 'YYYY-MM' in India time.
 * - Removed records (deleted: true) and entries of removed cases count nowhere; an entry
 *   counts only with its case (an entry whose case is missing counts nowhere).
 * - A count is exact, however small; nothing is suppressed or rounded.
 *
 * Definitions, for a period of whole months [from, to] (both included):
 * - casesRegistered: cases whose registeredAt falls in the period.
 * - byViolenceType: of those cases, how many name each type (a case naming two types counts
 *   once under each, so the rows may add up to more than casesRegistered); `none_recorded`
 *   for a case that names none.
 * - byAgeGroup: of those cases, by survivorAgeYears at registration (ageGroups below);
 *   `minors` is the count of cases under 18 (the same as the under_18 row), kept apart
 *   because minors follow another procedure (Child Welfare Committee, POCSO).
 *   Clarified: the age she gave at registration (survivorAgeYears); when she gave none but
 *   her date of birth is recorded, her completed years on the India date of registeredAt
 *   (a manager filling the form would not write "age not recorded" for her).
 * - byArrivalRoute: of those cases, by arrivalRouteGroup(arrivalRoute).
 * - byDistrict: of those cases, by the district of the centre that registered her (the
 *   centre's district, not her home district).
 *   A case of a centre with no known district counts in casesRegistered and in no district.
 * - servicesByKind: service entries whose givenAt falls in the period, by kind.
 * - stays.admissions: stay entries whose admittedAt falls in the period.
 *   stays.averageLengthDays: over those admissions that have been discharged, the mean of
 *   whole days from admittedAt to dischargedAt (India dates; same day = 0), rounded to one
 *   decimal; null when none was discharged.
 *   stays.overFiveDays: of those admissions, how many lasted (or, still open, have lasted
 *   as of `asOf`) more than 5 days: whole days between the India dates, so exactly 5 is not.
 * - referrals: referral entries whose referredAt falls in the period (a referral never sent,
 *   referredAt null, counts nowhere), by agency and by status as stored now.
 * - followUps.done: follow-up entries whose doneAt falls in the period.
 *   followUps.overdue: follow-up entries not done whose dueDate falls in the period and is
 *   before the India date of `asOf`.
 * - closedByReason: cases whose closureApprovedAt falls in the period and whose status is
 *   'closed' now, by closureReason (`none_recorded` when null).
 * - monthly: for every month of the period, in order, even a month with nothing in it:
 *   cases registered, services given, cases closed (as the definitions above, per month).
 *
 * Decided where the definitions above left room (both counts must follow these):
 * - Age is ageAtRegistration (compute-indicators.ts): the age she gave, else her completed
 *   years on the India date of registration from her date of birth. The server reads the
 *   birth date only to store the age group beside the record; the group, never the date,
 *   is what a report counts.
 * - violenceTypes null (the only way a case names none) is `none_recorded`.
 * - An entry counts under its own date whatever its case's registration date: a service
 *   given in January for a case registered in December counts in January.
 * - byDistrict and districtsWithoutData for a district or a centre: every district is
 *   still present in byDistrict (0 outside the scope); districtsWithoutData names only the
 *   scope's own district, and only when it registered no case in the period.
 * - A centre manager asking with `district` other than her centre's is refused (403),
 *   never silently answered with her centre's figures.
 */
import { z } from './zod.ts';
import type { ArrivalRoute } from './code-schemas.ts';
import type { VocabularyTerm } from './vocabulary.ts';

/** 'YYYY-MM', a month in India time. */
export const reportMonthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/u));
export type ReportMonth = z.infer<typeof reportMonthSchema>;

export const reportPeriodSchema = z
  .strictObject({ from: reportMonthSchema, to: reportMonthSchema })
  .check(z.refine((period) => period.from <= period.to, { message: 'from must not be after to' }));
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/** A stay longer than this many days is reported: the centres' guidelines allow up to 5. */
export const STAY_LIMIT_DAYS = 5;

export const ageGroups = [
  { code: 'under_18', hi: '18 वर्ष से कम (नाबालिग)', en: 'Under 18 (minor)' },
  { code: '18_to_29', hi: '18–29 वर्ष', en: '18–29 years' },
  { code: '30_to_44', hi: '30–44 वर्ष', en: '30–44 years' },
  { code: '45_to_59', hi: '45–59 वर्ष', en: '45–59 years' },
  { code: '60_and_over', hi: '60 वर्ष या अधिक', en: '60 years and over' },
  { code: 'unknown', hi: 'उम्र दर्ज नहीं', en: 'Age not recorded' },
] as const satisfies readonly VocabularyTerm[];
export type AgeGroup = (typeof ageGroups)[number]['code'];

export function ageGroupOf(ageYears: number | null): AgeGroup {
  if (ageYears === null) return 'unknown';
  if (ageYears < 18) return 'under_18';
  if (ageYears < 30) return '18_to_29';
  if (ageYears < 45) return '30_to_44';
  if (ageYears < 60) return '45_to_59';
  return '60_and_over';
}

/** The five arrival routes the department's monthly form asks for. */
export const arrivalRouteGroups = [
  { code: 'helpline_181', hi: '181 महिला हेल्पलाइन', en: '181 women helpline' },
  { code: 'police', hi: 'पुलिस द्वारा', en: 'Police' },
  { code: 'self', hi: 'स्वयं आईं', en: 'Came herself' },
  { code: 'hospital', hi: 'अस्पताल द्वारा', en: 'Hospital' },
  { code: 'other', hi: 'अन्य', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];
export type ArrivalRouteGroup = (typeof arrivalRouteGroups)[number]['code'];

export function arrivalRouteGroupOf(route: ArrivalRoute): ArrivalRouteGroup {
  switch (route) {
    case 'helpline_181':
      return 'helpline_181';
    case 'police':
      return 'police';
    case 'walk_in':
      return 'self';
    case 'hospital':
      return 'hospital';
    default:
      return 'other';
  }
}

/** The code for a case that names no violence type or no closure reason. */
export const NONE_RECORDED = 'none_recorded';

/** code → count; a code with no records is present with 0 where the vocabulary is known. */
const countsSchema = z.record(z.string(), z.number().check(z.int(), z.nonnegative()));
const countSchema = z.number().check(z.int(), z.nonnegative());

export const indicatorReportSchema = z.strictObject({
  period: reportPeriodSchema,
  /** The instant "overdue" and open stays were judged at. */
  asOf: z.iso.datetime(),
  casesRegistered: countSchema,
  byViolenceType: countsSchema,
  byAgeGroup: countsSchema,
  minors: countSchema,
  byArrivalRoute: countsSchema,
  /** District code → cases registered; every one of the 75 districts is present. */
  byDistrict: countsSchema,
  servicesByKind: countsSchema,
  stays: z.strictObject({
    admissions: countSchema,
    averageLengthDays: z.nullable(z.number().check(z.nonnegative())),
    overFiveDays: countSchema,
  }),
  referrals: z.strictObject({ byAgency: countsSchema, byStatus: countsSchema }),
  followUps: z.strictObject({ done: countSchema, overdue: countSchema }),
  closedByReason: countsSchema,
  monthly: z.array(
    z.strictObject({
      month: reportMonthSchema,
      casesRegistered: countSchema,
      servicesGiven: countSchema,
      casesClosed: countSchema,
    }),
  ),
});
export type IndicatorReport = z.infer<typeof indicatorReportSchema>;

/**
 * GET /api/reports/indicators?from=YYYY-MM&to=YYYY-MM[&district=CODE]: the state's figures
 * (state roles), or one district's, or — for a centre manager — her own centre's.
 * `districtsWithoutData` names districts whose centre registered no case in the period.
 */
export const indicatorAnswerSchema = z.strictObject({
  scope: z.strictObject({
    kind: z.enum(['state', 'district', 'centre']),
    districtCode: z.nullable(z.string()),
  }),
  report: indicatorReportSchema,
  districtsWithoutData: z.array(z.string()),
});
export type IndicatorAnswer = z.infer<typeof indicatorAnswerSchema>;
