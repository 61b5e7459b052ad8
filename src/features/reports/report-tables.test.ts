import { describe, expect, it } from 'vitest';
import { buildReportTables } from './report-tables.ts';
import { buildReport } from './report-fixtures.testing.ts';

const tableOf = (id: string, lang: 'hi' | 'en' = 'en') => {
  const table = buildReportTables(buildReport(), lang).find((candidate) => candidate.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table;
};

describe('buildReportTables', () => {
  it('gives every indicator its table, in a fixed order', () => {
    expect(buildReportTables(buildReport(), 'en').map((table) => table.id)).toEqual([
      'summary',
      'violence-type',
      'age-group',
      'arrival-route',
      'services',
      'stays',
      'referral-agency',
      'referral-status',
      'follow-ups',
      'closed',
      'monthly',
    ]);
  });

  it('lists every term of the vocabulary, with 0 for one that has no cases', () => {
    const arrival = tableOf('arrival-route');
    expect(arrival.rows).toEqual([
      ['181 women helpline', 5],
      ['Police', 7],
      ['Came herself', 0],
      ['Hospital', 0],
      ['Other', 0],
    ]);
  });

  it('labels rows in Hindi on a Hindi screen, and "not recorded" for a case naming none', () => {
    const violence = tableOf('violence-type', 'hi');
    expect(violence.rows[0]).toEqual(['शारीरिक हिंसा', 7]);
    expect(violence.rows.at(-1)).toEqual(['दर्ज नहीं', 2]);
    expect(violence.headers).toEqual(['श्रेणी', 'संख्या']);
  });

  it('keeps a code the app does not know under its code, so no count is dropped', () => {
    const report = buildReport({ servicesByKind: { counselling: 2, drone_rescue: 1 } });
    const services = buildReportTables(report, 'en').find((table) => table.id === 'services');
    expect(services?.rows.at(-1)).toEqual(['drone_rescue', 1]);
  });

  it('sums services and closures for the summary, and keeps minors apart', () => {
    expect(tableOf('summary').rows).toEqual([
      ['Cases registered', 12],
      ['Minors (under 18)', 4],
      ['Services given', 10],
      ['Cases closed', 1],
    ]);
  });

  it('shows a stay length of "none discharged" as an empty cell, not 0', () => {
    const report = buildReport({
      stays: { admissions: 1, averageLengthDays: null, overFiveDays: 0 },
    });
    const stays = buildReportTables(report, 'en').find((table) => table.id === 'stays');
    expect(stays?.rows[1]).toEqual(['Average length (days, discharged)', null]);
  });

  it('gives one trend row per month, a month with nothing in it included', () => {
    const monthly = tableOf('monthly');
    expect(monthly.chart).toBe('line');
    expect(monthly.rows).toEqual([
      ['2020-01', 5, 4, 0],
      ['2020-02', 0, 0, 0],
      ['2020-03', 7, 6, 1],
    ]);
  });
});
