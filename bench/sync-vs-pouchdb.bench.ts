/**
 * Sakhi's sync against PouchDB replicating to express-pouchdb, on one generated
 * set of 10,000 cases and 1,000 edits, in one process: pushing the new cases, pushing the
 * edits, and a fresh tablet pulling everything. Each run starts both servers' data empty;
 * the runs alternate between the two systems and the table shows medians, as ratios.
 * Bytes are counted at each server's sockets (headers and bodies as sent). Aim: Sakhi at
 * least 5× faster with at most a third of PouchDB's bytes.
 *
 * Read the times knowing what each side pays: Sakhi's server commits every push batch to
 * SQLite on disk with synchronous=FULL (an acknowledged change survives a power cut),
 * while express-pouchdb here keeps everything in memory and writes nothing to disk; and
 * Sakhi's tablet side keeps its outbox in memory (no IndexedDB), while PouchDB's reads
 * its in-memory database as it replicates.
 * The floor (sqlite-floor.ts): after each of Sakhi's runs, the rows its server stored,
 * written again by better-sqlite3 alone with the same fsyncs and read back in as many pages;
 * "Sakhi ÷ floor" is how far each scenario is above what the disk and SQLite alone take;
 * "floor ÷ (PouchDB ÷ 5)" is how much of the time 5× allows the disk and SQLite alone take.
 * `SAKHI_BENCH_CASES` changes the size, `SAKHI_BENCH_RUNS` the number of runs (3).
 */
import { generateCaseEdits, generateCaseRecords } from './case-records.ts';
import { runPouchSync, startPouchServer } from './pouchdb-sync-side.ts';
import { runSakhiSync, type ScenarioResult, type SyncResults } from './sakhi-sync-side.ts';
import { runSqliteFloor, type FloorResults } from './sqlite-floor.ts';

const caseCount = Number(process.env.SAKHI_BENCH_CASES ?? 10_000);
const runCount = Number(process.env.SAKHI_BENCH_RUNS ?? 3);
const records = generateCaseRecords(caseCount);
const edits = generateCaseEdits(caseCount, Math.min(1_000, caseCount));
// PouchDB has no centres; the docs carry the same ids Sakhi's do, so the bytes match.
const owner = {
  centreId: '0190b2c4-7a1e-7c3d-9f00-5a1e0c2d3b4f',
  userId: '0190b2c4-7a1e-7c3d-9f00-6b2f1d3e4c5a',
};

const sakhiRuns: SyncResults[] = [];
const pouchRuns: SyncResults[] = [];
const floorRuns: FloorResults[] = [];
const pouchServer = await startPouchServer();
try {
  for (let run = 0; run < runCount; run++) {
    const sakhi = await runSakhiSync(records, edits);
    sakhiRuns.push(sakhi);
    // Right after Sakhi's run, the same rows in as many commits, by better-sqlite3 alone.
    const { file, cases, edits: edited } = sakhi.stored;
    floorRuns.push(runSqliteFloor(file, cases, edited, sakhi['fresh pull'].requests));
    pouchRuns.push(await runPouchSync(pouchServer, records, edits, owner));
  }
} finally {
  await pouchServer.close();
}

const scenarios = ['push cases', 'push edits', 'fresh pull'] as const;
const kB = (bytes: number) => Math.round(bytes / 1024);
const total = (result: ScenarioResult) => result.bytes.up + result.bytes.down;
console.log(
  `${caseCount} cases, ${edits.length} edits, median of ${runCount} runs.` +
    ` Sakhi: SQLite on disk (each push batch committed with fsync), gzip up, brotli down.` +
    ` PouchDB 9 (memory) → express-pouchdb 4 (memory, gzip answers, plain JSON requests).`,
);
console.table(
  scenarios.map((scenario) => {
    const sakhi = medianOf(sakhiRuns, scenario);
    const pouch = medianOf(pouchRuns, scenario);
    const floor = median(floorRuns.map((run) => run[scenario]));
    return {
      scenario,
      'Sakhi ms': Math.round(sakhi.ms),
      'PouchDB ms': Math.round(pouch.ms),
      'floor ms': Math.round(floor),
      'Sakhi ÷ floor': `${(sakhi.ms / floor).toFixed(1)}×`,
      // What 5× allows, and how much of it the floor alone takes: at 100% or more, no sync
      // storing these rows in SQLite with an fsync per batch is 5× PouchDB in memory here.
      'floor ÷ (PouchDB ÷ 5)': `${Math.round((100 * floor) / (pouch.ms / 5))}%`,
      'speed ratio': `${(pouch.ms / sakhi.ms).toFixed(1)}× ${pouch.ms / sakhi.ms >= 5 ? '✓' : '✗'}`,
      'Sakhi kB': kB(total(sakhi)),
      'PouchDB kB': kB(total(pouch)),
      'byte ratio': `${(total(sakhi) / total(pouch)).toFixed(2)} ${total(sakhi) * 3 <= total(pouch) ? '✓' : '✗'}`,
    };
  }),
);
console.log('Bytes each way (kB, median run), up = tablet to server:');
console.table(
  scenarios.map((scenario) => {
    const sakhi = medianOf(sakhiRuns, scenario);
    const pouch = medianOf(pouchRuns, scenario);
    return {
      scenario,
      'Sakhi requests': sakhi.requests,
      'Sakhi up': kB(sakhi.bytes.up),
      'Sakhi down': kB(sakhi.bytes.down),
      'PouchDB up': kB(pouch.bytes.up),
      'PouchDB down': kB(pouch.bytes.down),
    };
  }),
);

/** The run with the median time for `scenario` (its bytes come with it). */
function medianOf(runs: readonly SyncResults[], scenario: (typeof scenarios)[number]) {
  const sorted = runs.map((run) => run[scenario]).sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
