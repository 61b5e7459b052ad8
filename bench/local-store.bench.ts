/**
 * The tablet's local store in real Chromium: a store of 20,000 cases, then the
 * median and 95th percentile of search-as-you-type, saving a case (record + outbox in one
 * transaction), opening a case with 50 entries, the first page of the list, adding an
 * entry and unlocking (every case opened into the in-memory directory; all rows sealed). The data layer is bundled with Vite's build API into one script and served from
 * 127.0.0.1, so the timings are real IndexedDB's. `SAKHI_BENCH_CASES` changes the size.
 */
import { chromiumExecutable } from '../tests/support/chromium.ts';
import { openBenchPage, percentile } from './chromium-bench-page.ts';

const caseCount = Number(process.env.SAKHI_BENCH_CASES ?? 20_000);

const bench = await openBenchPage<PageBench>(new URL('./local-store-page.ts', import.meta.url));

try {
  console.log(`filling ${caseCount} cases through registerCase (500 per transaction)…`);
  const { call } = bench;
  const fillMs = await call('fill', caseCount);
  console.log(`filled in ${(fillMs / 1000).toFixed(1)} s`);

  const queries = ['sunita', 'सुनीता', 'shabnam', 'लक्ष्मी', 'pooja', 'fatima devi', '98765'];
  const typing = await call('typeNames', queries);
  const saving = await call('saveCases', 300);
  const opening = await call('openBigCase', 100);
  const listing = await call('listPage', 100);
  const adding = await call('addEntries', 100);
  const unlocking = await call('unlockStore', 5);
  const deriving = await call('derivePinKey', 5);
  const withPin = unlocking.totalMs.map((ms, index) => ms + deriving[index]!);

  printTable([
    [`search-as-you-type (${typing.ms.length} keystrokes, ≤50 results)`, typing.ms, '< 50 ms'],
    ['save a case (record + outbox, one transaction)', saving, '< 30 ms'],
    [`open a case with ${opening.entries} entries`, opening.ms, ''],
    ['first page of the case list (50)', listing, ''],
    ['add an entry (entry + case columns + outbox)', adding, ''],
    [
      `unlock after the key is known: open every case, build the directory`,
      unlocking.totalMs,
      '< 2 s with key derivation',
    ],
    ['  of which opening and indexing the cases', unlocking.directoryMs, ''],
    ['PIN key derivation (PBKDF2-SHA-256, the app’s iterations)', deriving, ''],
    ['unlock with her PIN: derivation + the unlock above', withPin, '< 2 s'],
  ]);
  console.log(
    'PBKDF2 here runs several times faster than on a low-end tablet: src/platform/pin-key.ts gives the ratio assumed.',
  );
  const slowest = typing.ms
    .map((ms, index) => `${typing.queries[index]} ${ms.toFixed(1)} ms`)
    .filter((_, index) => typing.ms[index]! >= percentile(typing.ms, 0.9));
  console.log(`slowest keystrokes: ${slowest.join(', ')}`);
  console.log(
    `results per keystroke: median ${percentile(typing.results, 0.5)}, max ${Math.max(...typing.results)}`,
  );
} finally {
  await bench.close();
}

type PageBench = {
  fill(count: number): Promise<number>;
  typeNames(
    names: readonly string[],
  ): Promise<{ ms: number[]; results: number[]; queries: string[] }>;
  saveCases(count: number): Promise<number[]>;
  openBigCase(times: number): Promise<{ ms: number[]; entries: number }>;
  listPage(times: number): Promise<number[]>;
  addEntries(count: number): Promise<number[]>;
  unlockStore(times: number): Promise<{ totalMs: number[]; directoryMs: number[] }>;
  derivePinKey(times: number): Promise<number[]>;
};

function printTable(rows: readonly (readonly [string, readonly number[], string])[]) {
  const lines = [
    ['operation', 'n', 'median ms', 'p95 ms', 'aim'],
    ...rows.map(([name, ms, aim]) => [
      name,
      String(ms.length),
      percentile(ms, 0.5).toFixed(1),
      percentile(ms, 0.95).toFixed(1),
      aim,
    ]),
  ];
  const widths = lines[0]!.map((_, column) =>
    Math.max(...lines.map((line) => line[column]!.length)),
  );
  console.log(`\n${caseCount} cases, Chromium (${chromiumExecutable()})`);
  for (const [index, line] of lines.entries()) {
    console.log(
      line
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
        )
        .join('  '),
    );
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}
