/**
 * Vitest globalSetup of the `faults` and `pg` projects: one table for the whole fault run.
 *
 * Each fault test file hands its rows to printResults (tests/support/fault-tablets.ts),
 * which, under this setup, writes them to a folder shared by every project of the run;
 * when the run ends, the first teardown prints them all as ONE table, in the order they
 * were written, and removes the folder. Both projects register this setup (the fault run
 * is `--project faults --project pg`), so the folder is made once and kept in this
 * process's environment, where the second setup finds it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatResults, type ScenarioResult } from '../support/fault-results.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where fault test files leave their rows of the one table. */
    faultResultsDir: string;
  }
}

const folderVariable = 'SAKHI_FAULT_RESULTS_DIR';

export default function setup(project: TestProject): () => void {
  const folder = process.env[folderVariable] ?? mkdtempSync(join(tmpdir(), 'sakhi-fault-results-'));
  process.env[folderVariable] = folder;
  project.provide('faultResultsDir', folder);
  return () => {
    if (process.env[folderVariable] !== folder) return;
    delete process.env[folderVariable];
    const rows = readdirSync(folder)
      .sort()
      .flatMap((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as ScenarioResult[]);
    rmSync(folder, { recursive: true, force: true });
    if (rows.length > 0) console.log(`\n${formatResults(rows)}\n`);
  };
}
