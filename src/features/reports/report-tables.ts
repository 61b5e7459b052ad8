/**
 * An IndicatorReport as the tables a person reads, prints and exports: one per indicator,
 * rows in the vocabulary's order with its Hindi or English labels. A code the app does not
 * know (from a newer server) still gets its row, under its code, so no count is dropped.
 */
import type { Lang } from '../../domain/vocabulary.ts';
import type { VocabularyTerm } from '../../domain/vocabulary.ts';
import {
  ageGroups,
  arrivalRouteGroups,
  NONE_RECORDED,
  type IndicatorReport,
} from '../../domain/report-indicators.ts';
import { closureReasons, violenceTypes } from '../../domain/vocabularies-case.ts';
import {
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from '../../domain/vocabularies-entries.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';

export type ReportCell = string | number | null;

export interface ReportTable {
  /** Stable and ASCII: names the CSV file and the test hooks. */
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** Drawn above the table; the table always stays, as the chart's text equivalent. */
  readonly chart: 'bar' | 'line' | null;
}

type Counts = Readonly<Record<string, number>>;

export function buildReportTables(report: IndicatorReport, lang: Lang): ReportTable[] {
  const t = reportsMessages[lang];
  const noneRecorded: VocabularyTerm = {
    code: NONE_RECORDED,
    hi: t.noneRecorded,
    en: t.noneRecorded,
  };
  const counted = (
    id: string,
    title: string,
    vocabulary: readonly VocabularyTerm[],
    counts: Counts,
    note?: string,
  ): ReportTable => ({
    id,
    title,
    ...(note ? { note } : {}),
    headers: [t.columnCategory, t.columnCount],
    rows: rowsOf(vocabulary, counts, lang),
    chart: 'bar',
  });
  const measures = (id: string, title: string, rows: (readonly [string, ReportCell])[]) => ({
    id,
    title,
    headers: [t.columnMeasure, t.columnValue],
    rows,
    chart: null,
  });
  return [
    measures('summary', t.tableSummary, [
      [t.casesRegistered, report.casesRegistered],
      [t.minors, report.minors],
      [t.servicesGiven, sumOf(report.servicesByKind)],
      [t.casesClosed, sumOf(report.closedByReason)],
    ]),
    counted(
      'violence-type',
      t.tableViolence,
      [...violenceTypes, noneRecorded],
      report.byViolenceType,
      t.tableViolenceNote,
    ),
    counted('age-group', t.tableAge, ageGroups, report.byAgeGroup),
    counted('arrival-route', t.tableArrival, arrivalRouteGroups, report.byArrivalRoute),
    counted('services', t.tableServices, serviceKinds, report.servicesByKind),
    measures('stays', t.tableStays, [
      [t.stayAdmissions, report.stays.admissions],
      [t.stayAverageDays, report.stays.averageLengthDays],
      [t.stayOverFive, report.stays.overFiveDays],
    ]),
    counted('referral-agency', t.tableReferralAgency, referralAgencies, report.referrals.byAgency),
    counted('referral-status', t.tableReferralStatus, referralStatuses, report.referrals.byStatus),
    measures('follow-ups', t.tableFollowUps, [
      [t.followUpsDone, report.followUps.done],
      [t.followUpsOverdue, report.followUps.overdue],
    ]),
    counted('closed', t.tableClosed, [...closureReasons, noneRecorded], report.closedByReason),
    {
      id: 'monthly',
      title: t.tableMonthly,
      headers: [t.columnMonth, t.casesRegistered, t.servicesGiven, t.casesClosed],
      rows: report.monthly.map((month) => [
        month.month,
        month.casesRegistered,
        month.servicesGiven,
        month.casesClosed,
      ]),
      chart: 'line',
    },
  ];
}

/** Every term of the vocabulary (0 when absent), then any code the vocabulary lacks. */
function rowsOf(vocabulary: readonly VocabularyTerm[], counts: Counts, lang: Lang): ReportCell[][] {
  const known = new Set(vocabulary.map((term) => term.code));
  return [
    ...vocabulary.map((term) => [term[lang], counts[term.code] ?? 0]),
    ...Object.keys(counts)
      .filter((code) => !known.has(code))
      .sort()
      .map((code) => [code, counts[code] ?? 0]),
  ];
}

function sumOf(counts: Counts): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
