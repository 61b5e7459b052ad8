/**
 * Where a manager's monthly report gets its figures: the tablet's own count of her
 * centre's records (the same definitions as the server's, src/domain/report-indicators.ts),
 * offline. Never a made-up or cached figure: until the count is connected here, every
 * request is refused and the screen says the report could not be counted.
 */
import type { IndicatorReport, ReportPeriod } from '../domain/report-indicators.ts';
import type { Stores } from './stores.ts';

export class CentreReportNotConnectedError extends Error {
  constructor() {
    super("the tablet's count of the centre's monthly report is not connected yet");
    this.name = 'CentreReportNotConnectedError';
  }
}

// TODO(until the tablet's count of a centre's report lands): connect it here, over `stores`.
export function connectCentreReport(
  stores: Stores,
): (period: ReportPeriod, asOf: Date) => Promise<IndicatorReport> {
  void stores;
  return () => Promise.reject(new CentreReportNotConnectedError());
}
