// Answers built in the tests, checked by the same schemas the client parses the server with,
// so a fixture the server could never send fails here rather than passing a test.
import { districts } from '../../domain/districts.ts';
import {
  indicatorAnswerSchema,
  indicatorReportSchema,
  type IndicatorAnswer,
  type IndicatorReport,
} from '../../domain/report-indicators.ts';

export function buildReport(overrides: Partial<IndicatorReport> = {}): IndicatorReport {
  const byDistrict = Object.fromEntries(districts.map((district) => [district.code, 0]));
  return indicatorReportSchema.parse({
    period: { from: '2020-01', to: '2020-03' },
    asOf: '2020-04-01T00:00:00.000Z',
    casesRegistered: 12,
    byViolenceType: { physical: 7, sexual: 3, none_recorded: 2 },
    byAgeGroup: { under_18: 4, '18_to_29': 8 },
    minors: 4,
    byArrivalRoute: { helpline_181: 5, police: 7 },
    byDistrict: { ...byDistrict, AGR: 9, LKO: 3 },
    servicesByKind: { counselling: 10 },
    stays: { admissions: 3, averageLengthDays: 2.5, overFiveDays: 1 },
    referrals: { byAgency: {}, byStatus: {} },
    followUps: { done: 6, overdue: 2 },
    closedByReason: { none_recorded: 1 },
    monthly: [
      { month: '2020-01', casesRegistered: 5, servicesGiven: 4, casesClosed: 0 },
      { month: '2020-02', casesRegistered: 0, servicesGiven: 0, casesClosed: 0 },
      { month: '2020-03', casesRegistered: 7, servicesGiven: 6, casesClosed: 1 },
    ],
    ...overrides,
  });
}

export function buildAnswer(overrides: Partial<IndicatorAnswer> = {}): IndicatorAnswer {
  return indicatorAnswerSchema.parse({
    scope: { kind: 'state', districtCode: null },
    report: buildReport(),
    districtsWithoutData: districts
      .map((district) => district.code)
      .filter((code) => code !== 'AGR' && code !== 'LKO'),
    ...overrides,
  });
}
