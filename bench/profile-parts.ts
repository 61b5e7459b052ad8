/**
 * Sums the scenario profiles a `SAKHI_BENCH_CPU_PROF=<dir> npm run bench -- pouchdb` run
 * wrote (scenario-profile.ts) into the parts docs/performance.md reads ("What 5× PouchDB
 * would take"): SQLite (better-sqlite3's statements and commits, with their fsync), JSON
 * (parse, stringify, and the text's conversions to and from UTF-8), garbage collection,
 * idle (waiting, as for gzip and brotli on libuv's pool), and everything else. The first
 * run is dropped as warm-up when there are more.
 *
 *   node --import tsx bench/profile-parts.ts <dir>
 *
 * Each sample goes to one part by the function it was taken in (its own time, not its
 * callees'), so the parts add up to the profiled time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const scenarios = ['push cases', 'push edits', 'fresh pull'] as const;

interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

type Part = 'SQLite' | 'JSON' | 'garbage collection' | 'idle' | 'everything else';

/** Native functions of better-sqlite3's Statement (they have no script URL). */
const sqliteNatives = new Set(['run', 'all', 'get', 'iterate', 'exec', 'prepare']);
/** Where V8 and Node count JSON text's work: parse, stringify, UTF-8 both ways. */
const jsonFunctions = new Set([
  'parse',
  'stringify',
  '_parse', // secure-json-parse, Fastify's body parser, around JSON.parse
  'storedFieldsText', // JSON.stringify of the stored compact form, inlined
  'parseStoredFields', // JSON.parse of it, inlined
  'parseJson', // the tablet's JSON.parse of an answer, inlined
  'fitBody', // the tablet's JSON.stringify of a push, inlined
  'sendCompressedJson', // the server's JSON.stringify of a page, inlined
  'encodeUtf8String',
  'utf8Slice',
  'writeString',
]);

function partOf(functionName: string, url: string): Part | 'profiler' {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  // The profiler's own message when a session stops: not the scenario's.
  if (functionName === 'dispatch' && url === '') return 'profiler';
  if ((sqliteNatives.has(functionName) && url === '') || /sqlite-driver|better-sqlite3/.test(url))
    return 'SQLite';
  if (jsonFunctions.has(functionName)) return 'JSON';
  if (
    /node:(buffer|internal\/encoding)/.test(url) &&
    /^(slice|write|encode|decode)$/.test(functionName)
  )
    return 'JSON';
  return 'everything else';
}

function partsOf(file: string): Map<Part, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parts = new Map<Part, number>();
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    const part = partOf(frame.functionName, frame.url);
    if (part === 'profiler') return;
    parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return parts;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: node --import tsx bench/profile-parts.ts <profile folder>');
const files = readdirSync(dir)
  .map((name) => /^sakhi-(\d+)\.cpuprofile$/.exec(name))
  .filter((match) => match !== null)
  .map((match) => ({ file: join(dir, match[0]), index: Number(match[1]) - 1 }));
const runs = Math.ceil(files.length / scenarios.length);
const kept = runs > 1 ? files.filter(({ index }) => index >= scenarios.length) : files;
const partNames: Part[] = ['SQLite', 'JSON', 'garbage collection', 'idle', 'everything else'];
const table = scenarios.map((scenario, s) => {
  const ofScenario = kept.filter(({ index }) => index % scenarios.length === s);
  const sums = new Map<Part, number>();
  for (const { file } of ofScenario) {
    for (const [part, ms] of partsOf(file)) sums.set(part, (sums.get(part) ?? 0) + ms);
  }
  const total = [...sums.values()].reduce((sum, ms) => sum + ms, 0);
  const count = Math.max(1, ofScenario.length);
  const row: Record<string, string> = {
    scenario,
    'profiled ms a run': String(Math.round(total / count)),
  };
  for (const part of partNames) {
    const ms = sums.get(part) ?? 0;
    row[part] = `${Math.round(ms / count)} (${Math.round((100 * ms) / (total || 1))}%)`;
  }
  return row;
});
console.log(
  `${kept.length} scenario profiles from ${dir}${runs > 1 ? ' (first run dropped)' : ''}:`,
);
console.table(table);
