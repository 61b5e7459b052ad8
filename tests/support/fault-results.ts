/**
 * The fault harness's verdict rows and the one table they are printed as (every count but
 * "tried" expected 0). Files of the fault run leave their rows to the run's globalSetup
 * (tests/setup/fault-results-global.ts), which prints them together at the end.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export interface ScenarioResult {
  scenario: string;
  tried: number;
  lost: number;
  duplicated: number;
  halfWritten: number;
  /** Refused changes are kept and shown to a person, never lost; none are expected here. */
  refused: number;
}

export function formatResults(results: readonly ScenarioResult[]): string {
  const widths = [44, 5, 4, 10, 12, 7];
  const line = (cells: readonly (string | number)[]) =>
    cells
      .map((cell, i) =>
        i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!),
      )
      .join(' | ');
  return [
    line(['scenario', 'tried', 'lost', 'duplicated', 'half-written', 'refused']),
    ...results.map((row) =>
      line([row.scenario, row.tried, row.lost, row.duplicated, row.halfWritten, row.refused]),
    ),
  ].join('\n');
}

let written = 0;

/**
 * Hands a file's rows to the run's one table; run without that setup (a project that does
 * not register it), prints them at once.
 */
export function printResults(results: readonly ScenarioResult[]): void {
  const folder = inject('faultResultsDir');
  if (!folder) {
    console.log(formatResults(results));
    return;
  }
  // Named by time, then process and count: the table keeps the order rows were written in.
  written += 1;
  const name = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${written}.json`;
  writeFileSync(join(folder, name), JSON.stringify(results));
}
