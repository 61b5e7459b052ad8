// Months as reports name them: 'YYYY-MM' in India time (a case at 23:30 IST on 31 December
// belongs to December), shown to a person as "दिसंबर 2020" / "December 2020".
import { indiaDateOf } from '../../domain/india-time.ts';
import {
  reportMonthSchema,
  reportPeriodSchema,
  type ReportMonth,
  type ReportPeriod,
} from '../../domain/report-indicators.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export function readIndiaMonth(now: Date): ReportMonth {
  return indiaDateOf(now).slice(0, 7);
}

/** From January of this year in India to this month: the dashboard's first view. */
export function readYearToDate(now: Date): ReportPeriod {
  const month = readIndiaMonth(now);
  return { from: `${month.slice(0, 4)}-01`, to: month };
}

export function formatMonth(month: ReportMonth, lang: Lang): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(lang === 'hi' ? 'hi-IN' : 'en-IN', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A month's own name ('03' → "मार्च" / "March"), for choosing a month in the app's language. */
export function formatMonthName(month: string, lang: Lang): string {
  return new Date(`2000-${month}-01T00:00:00Z`).toLocaleDateString(
    lang === 'hi' ? 'hi-IN' : 'en-IN',
    { month: 'long', timeZone: 'UTC' },
  );
}

/** `?from=2020-01&to=2020-12` as a period, or the fallback when absent or not a period. */
export function readPeriodFromSearch(search: string, fallback: ReportPeriod): ReportPeriod {
  const params = new URLSearchParams(search);
  const parsed = reportPeriodSchema.safeParse({ from: params.get('from'), to: params.get('to') });
  return parsed.success ? parsed.data : fallback;
}

export function formatPeriodSearch(period: ReportPeriod): string {
  return `?${new URLSearchParams({ from: period.from, to: period.to }).toString()}`;
}

export function isReportMonth(value: string): boolean {
  return reportMonthSchema.safeParse(value).success;
}
