import type { IndicatorReport, ReportPeriod } from '../../domain/report-indicators.ts';

/**
 * A centre's figures for a period, counted on the tablet from its own records (offline).
 * `asOf` is the instant "overdue" and still-open stays are judged at. Rejects when the
 * tablet cannot count them; the screen says so and never shows figures it did not get.
 */
export type ReadCentreReport = (period: ReportPeriod, asOf: Date) => Promise<IndicatorReport>;
