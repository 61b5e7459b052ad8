/**
 * The centre's monthly report on the tablet, in real Chromium: a sealed store holding a
 * year of one centre's work (SAKHI_BENCH_REPORT_CASES, default 1,500 cases with their
 * entries), then each month's report and the whole year's, read and counted as the report
 * screen does (src/data/centre-report.ts). Aim: a month's report in < 200 ms.
 */
import type { ReportPhases } from '../src/data/centre-report.ts';
import type { ReportPeriod } from '../src/domain/report-indicators.ts';
import { chromiumExecutable } from '../tests/support/chromium.ts';
import { openBenchPage, percentile } from './chromium-bench-page.ts';

const caseCount = Number(process.env.SAKHI_BENCH_REPORT_CASES ?? 1_500);
const year = 2025;
const timesEach = 5;

const bench = await openBenchPage<PageBench>(new URL('./reports-tablet-page.ts', import.meta.url));

try {
  const { call } = bench;

  console.log(`filling ${caseCount} cases of ${year} with their entries through the store…`);
  const filled = await call('fill', { year, count: caseCount });
  console.log(`filled ${filled.entries} entries in ${(filled.ms / 1000).toFixed(1)} s`);

  const months: ReportPeriod[] = Array.from({ length: 12 }, (_, index) => {
    const month = `${year}-${String(index + 1).padStart(2, '0')}`;
    return { from: month, to: month };
  });
  const asOf = `${year + 1}-01-10T06:30:00.000Z`;
  const monthly = await call('readReports', { periods: months, asOf, times: timesEach });
  const [wholeYear] = await call('readReports', {
    periods: [{ from: `${year}-01`, to: `${year}-12` }],
    asOf,
    times: timesEach,
  });

  const monthMs = monthly.flatMap((result) => result.ms);
  console.log(
    `\n${caseCount} cases, ${filled.entries} entries, Chromium (${chromiumExecutable()})`,
  );
  printRow(['report', 'n', 'median ms', 'p95 ms', 'cases registered']);
  for (const result of monthly) {
    printRow([
      result.period.from,
      String(result.ms.length),
      percentile(result.ms, 0.5).toFixed(1),
      percentile(result.ms, 0.95).toFixed(1),
      String(result.casesRegistered),
    ]);
  }
  printRow([
    `whole ${year}`,
    String(wholeYear!.ms.length),
    percentile(wholeYear!.ms, 0.5).toFixed(1),
    percentile(wholeYear!.ms, 0.95).toFixed(1),
    String(wholeYear!.casesRegistered),
  ]);
  const sum = (pick: (phases: ReportPhases) => number) =>
    monthly.reduce((total, result) => total + pick(result.phases), 0) / monthMs.length;
  console.log(
    `\nwhere a month's report goes (mean per report): reading rows ${sum((p) => p.reading).toFixed(1)} ms, ` +
      `unsealing ${sum((p) => p.opening).toFixed(1)} ms, reading into records and counting ${sum((p) => p.counting).toFixed(1)} ms; ` +
      `${sum((p) => p.casesOpened).toFixed(0)} cases and ${sum((p) => p.entriesOpened).toFixed(0)} entries opened`,
  );
  const median = percentile(monthMs, 0.5);
  console.log(
    `\ncentre monthly report on the tablet: median ${median.toFixed(1)} ms, p95 ${percentile(monthMs, 0.95).toFixed(1)} ms over ${monthMs.length} reads (aim < 200 ms) ${median < 200 ? 'OK' : 'OVER'}`,
  );
} finally {
  await bench.close();
}

type PageBench = {
  fill(input: { year: number; count: number }): Promise<{ ms: number; entries: number }>;
  readReports(input: {
    periods: ReportPeriod[];
    asOf: string;
    times: number;
  }): Promise<
    { period: ReportPeriod; ms: number[]; casesRegistered: number; phases: ReportPhases }[]
  >;
};

function printRow(cells: readonly string[]) {
  const widths = [12, 4, 10, 8, 17];
  console.log(
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  '),
  );
}
