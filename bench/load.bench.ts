/**
 * 200 tablets syncing at once, measured from outside: one server process on SQLite, then
 * two server processes on one PostgreSQL with its durable defaults (tablets split between
 * them, as behind a load balancer). The tablets first sign in, a few at a time (timed, but
 * before the clock starts); then each, from a moment at random within the first 3 s,
 * syncs a centre's day (3 new cases, 20 notes) and pulls what is new since its last pull,
 * again and again with a short pause, until the time is up. Tablets are spread over 75
 * districts, each with its own device, key and address (the servers trust a proxy's
 * X-Forwarded-For, as deployed behind one).
 *
 * Prints throughput, p50/p95/p99 per route, errors, and the final count: every mutation a
 * tablet had acknowledged is on the server, and the sync answers' p99 for each 10 s of the
 * run (a tail made in the first seconds, as the tablets arrive on cold servers, reads
 * differently from one that lasts). Aim: p99 < 300 ms per request, 0 errors,
 * 0 writes lost. `SAKHI_LOAD_TABLETS` (200), `SAKHI_LOAD_SECONDS` (60) and
 * `SAKHI_LOAD_ENGINES` (`sqlite,postgres`) change the run, and `SAKHI_LOAD_WINDOW_SECONDS`
 * (10) the windows it is reported in; `SAKHI_LOAD_CLIENT=undici` has
 * the tablets send with Node's own fetch instead of the bench's lighter one
 * (bench/node-http-fetch.ts, why there). `SAKHI_LOAD_CPU_PROF=<dir>`
 * runs each server under `node --cpu-prof` and writes its profile to that folder when the
 * server is stopped (gracefully, after the run), to see where the server's time went;
 * `SAKHI_LOAD_STATEMENT_TIMES=<dir>` likewise leaves there the time each SQLite statement
 * took in all, and the commits' spread (bench/statement-times.ts).
 *
 * It also prints what a tablet's day cost the machine's CPU (the bench's tablets, the servers,
 * in all) and how many cores the tablets' own pace asks for: past the cores, the answers
 * slow until the days asked for are the days served.
 *
 * Sign-in is timed too but judged apart: it is a deliberately slow password hash, once per
 * session, before the syncs start (docs/performance.md, "Sign-in against sync").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/db/database.ts';
import type { DatabaseConfig } from '../server/config.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { findServerBinaries, startCluster } from '../tests/setup/postgres-global.ts';
import { startServerProcess, type ServerProcess } from '../tests/support/server-process.ts';
import { meterCpu, type CpuSplit } from './cpu-time.ts';
import { countArrived, seedLoadStaff } from './load-staff.ts';
import { signInLoadTablet, type LoadLog } from './load-tablet.ts';
import { nodeHttpFetch } from './node-http-fetch.ts';

const tabletCount = Number(process.env.SAKHI_LOAD_TABLETS ?? 200);
const seconds = Number(process.env.SAKHI_LOAD_SECONDS ?? 60);
const engines = (process.env.SAKHI_LOAD_ENGINES ?? 'sqlite,postgres').split(',');
const districtCount = 75;
const cpuProfileDir = process.env.SAKHI_LOAD_CPU_PROF;
/**
 * What the tablets send with: `node-http` (bench/node-http-fetch.ts), or `undici`, Node's
 * own fetch, to see what the bench's own client costs the run.
 */
const tabletClient = process.env.SAKHI_LOAD_CLIENT ?? 'node-http';
if (tabletClient !== 'node-http' && tabletClient !== 'undici') {
  throw new Error(`SAKHI_LOAD_CLIENT is "${tabletClient}": use node-http (default) or undici`);
}
const statementTimesDir = process.env.SAKHI_LOAD_STATEMENT_TIMES;
const serverNodeArguments = [
  ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
  // The probe is TypeScript: tsx must be loaded before it (the server loads it again).
  ...(statementTimesDir
    ? ['--import', 'tsx', '--import', fileURLToPath(new URL('statement-times.ts', import.meta.url))]
    : []),
];
/** The routes the 300 ms aim is for: a tablet's sync requests. */
const syncRoutes = new Set(['/api/sync/push', '/api/sync/pull']);
/**
 * Sign-ins in flight at once, before the timed syncs. A tablet signs in once per session
 * (days), and each sign-in costs the server a deliberately slow password hash, so 200 at
 * the same second is not a morning: they come over its first minutes.
 */
const signInsAtOnce = Number(process.env.SAKHI_LOAD_SIGN_INS_AT_ONCE ?? 4);
/** The run is also reported window by window, to tell a tail at the start from a steady one. */
const windowSeconds = Number(process.env.SAKHI_LOAD_WINDOW_SECONDS ?? 10);
if (!(windowSeconds > 0)) {
  throw new Error(`SAKHI_LOAD_WINDOW_SECONDS must be a number of seconds above 0`);
}
/** How often the bench's own event loop is sampled for lateness. */
const loopDelayResolutionMs = 10;
/** Between one tablet's days: long enough that the load is many tablets, not one loop. */
const pauseMs = { min: 500, max: 3_000 };

// Each tablet comes from its own address, as a proxy in front of the servers reports it.
process.env.SAKHI_TRUST_PROXY = '127.0.0.1';

interface RunResult {
  readonly name: string;
  readonly wallSeconds: number;
  readonly latencies: Map<string, number[]>;
  /** Sync answers' times by the window of the run they ended in (see windowSeconds). */
  readonly syncTimeline: number[][];
  /** The bench's own event loop's p99 lateness (ms) in each of those windows. */
  readonly benchLateByWindow: number[];
  readonly errors: Map<string, number>;
  readonly acknowledged: number;
  /** Days synced whole (a push and its pull) while the clock ran. */
  readonly days: number;
  /** Records the tablets pulled, and of those the ones the pulling tablet had written. */
  readonly pulled: { readonly records: number; readonly ownWrites: number };
  readonly arrived: { mutations: number; records: number };
  /** How late this process's own event loop ran while the tablets synced. */
  readonly benchLoopDelay: IntervalHistogram;
  /** Where the machine's CPU went while the tablets synced; null off Linux. */
  readonly cpu: CpuSplit | null;
  readonly dialect: DatabaseConfig['dialect'];
}

const results: RunResult[] = [];
for (const engine of engines) {
  if (engine === 'sqlite') results.push(await runOnSqlite());
  else if (engine === 'postgres') results.push(await runOnPostgres());
  else throw new Error(`SAKHI_LOAD_ENGINES: unknown engine ${engine}`);
}
printResults(results);

async function runOnSqlite(): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sakhi-load-'));
  const server = await startServerProcess({ dataDir, nodeArguments: serverNodeArguments });
  try {
    return await runLoad('SQLite, 1 server', [server], {
      dialect: 'sqlite',
      file: join(dataDir, 'sakhi.sqlite'),
    });
  } finally {
    await server.close();
  }
}

async function runOnPostgres(): Promise<RunResult> {
  // PostgreSQL's durable defaults: every acknowledged push is flushed to disk, as on SQLite.
  const cluster = await startCluster(findServerBinaries(), { durable: true });
  const secretsDir = mkdtempSync(join(tmpdir(), 'sakhi-load-secrets-'));
  const secretsFile = join(secretsDir, 'secrets.json');
  const servers: ServerProcess[] = [];
  try {
    // One after the other: the first migrates and seeds, the second finds it done.
    const options = { databaseUrl: cluster.url, secretsFile, nodeArguments: serverNodeArguments };
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess(options));
    return await runLoad('PostgreSQL, 2 servers', servers, {
      dialect: 'postgres',
      url: cluster.url,
    });
  } finally {
    for (const server of servers) await server.close();
    cluster.stop();
    rmSync(secretsDir, { recursive: true, force: true });
  }
}

async function runLoad(
  name: string,
  servers: readonly ServerProcess[],
  database: DatabaseConfig,
): Promise<RunResult> {
  const opened = openDatabase(database);
  try {
    const db = opened.db.withTables<SyncTables>();
    const staff = await seedLoadStaff(opened.db, tabletCount, districtCount);
    const latencies = new Map<string, number[]>();
    const syncTimeline: number[][] = [];
    let started = Number.POSITIVE_INFINITY;
    const errors = new Map<string, number>();
    const pulled = { records: 0, ownWrites: 0 };
    const countError = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
    const log: LoadLog = {
      answer: (route, ms, status) => {
        const times = latencies.get(route) ?? [];
        times.push(ms);
        latencies.set(route, times);
        const window = Math.floor((performance.now() - started) / (windowSeconds * 1000));
        if (syncRoutes.has(route) && window >= 0) (syncTimeline[window] ??= []).push(ms);
        if (status >= 400) countError(`${route} ${status}`);
      },
      failure: (what, error) => {
        countError(`${what}: ${describeError(error)}`);
      },
      pulled: (records, ownWrites) => {
        pulled.records += records;
        pulled.ownWrites += ownWrites;
      },
    };
    const tabletFetch = tabletClient === 'undici' ? undefined : nodeHttpFetch();
    const tablets = await inTurns(signInsAtOnce, staff, async (person, i) => {
      const server = servers[i % servers.length]!;
      const address = `10.${Math.floor(i / 250)}.${i % 250}.${1 + (i % 7)}`;
      try {
        return await signInLoadTablet(server.url, person, address, log, tabletFetch);
      } catch (error) {
        log.failure('sign-in', error);
        return null;
      }
    });
    // Every tablet shares this one event loop, so a turn late here adds to every answer's
    // time as measured: printed beside the routes, to tell the bench's own wait apart.
    const benchLoopDelay = monitorEventLoopDelay({ resolution: loopDelayResolutionMs });
    benchLoopDelay.enable();
    const windowLoopDelay = monitorEventLoopDelay({ resolution: loopDelayResolutionMs });
    windowLoopDelay.enable();
    const benchLateByWindow: number[] = [];
    const closeWindow = () => {
      benchLateByWindow.push(lateMs(windowLoopDelay.percentile(99)));
      windowLoopDelay.reset();
    };
    const windowTimer = setInterval(closeWindow, windowSeconds * 1000);
    const cpuMeter = meterCpu(() => servers.flatMap((server) => server.pid() ?? []));
    started = performance.now();
    const deadline = started + seconds * 1000;
    let days = 0;
    const acknowledged = await Promise.all(
      tablets.map(async (tablet) => {
        let sent = 0;
        try {
          // Tablets come online over the first pause, not in one millisecond: a centre's
          // tablet syncs when it saves or reconnects, and 200 of them never do it at the
          // same instant. After that each keeps its own rhythm, as before.
          await pause(Math.random() * pauseMs.max);
          while (tablet && performance.now() < deadline) {
            sent += await tablet.syncDay();
            days++;
            await pause(pauseMs.min + Math.random() * (pauseMs.max - pauseMs.min));
          }
        } catch (error) {
          log.failure('sync', error);
        }
        return sent;
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    benchLoopDelay.disable();
    clearInterval(windowTimer);
    closeWindow();
    windowLoopDelay.disable();
    const cpu = cpuMeter.finish();
    if (errors.size > 0) {
      for (const server of servers) {
        console.log(`${server.url} ${server.isRunning() ? 'running' : 'stopped'}, its last words:`);
        console.log(server.output().slice(-2000));
      }
    }
    return {
      name,
      wallSeconds,
      latencies,
      syncTimeline,
      benchLateByWindow,
      errors,
      acknowledged: acknowledged.reduce((sum, n) => sum + n, 0),
      days,
      pulled,
      arrived: await countArrived(db),
      benchLoopDelay,
      cpu,
      dialect: database.dialect,
    };
  } finally {
    await opened.close();
  }
}

function printResults(runs: readonly RunResult[]): void {
  for (const run of runs) {
    const requests = [...run.latencies.values()].reduce((sum, times) => sum + times.length, 0);
    const lost = run.acknowledged - run.arrived.mutations;
    console.log(
      `\n${run.name}: ${tabletCount} tablets, ${run.wallSeconds.toFixed(1)} s, ` +
        `${(requests / run.wallSeconds).toFixed(0)} requests/s, ` +
        `${(run.acknowledged / run.wallSeconds).toFixed(0)} mutations/s`,
    );
    console.table(
      [...run.latencies].map(([route, times]) => {
        const sorted = [...times].sort((a, b) => a - b);
        return {
          route,
          requests: times.length,
          'p50 ms': Math.round(percentile(sorted, 0.5)),
          'p95 ms': Math.round(percentile(sorted, 0.95)),
          'p99 ms': Math.round(percentile(sorted, 0.99)),
          'max ms': Math.round(sorted.at(-1) ?? 0),
          'p99 < 300 ms': !syncRoutes.has(route)
            ? 'not judged'
            : percentile(sorted, 0.99) < 300
              ? '✓'
              : '✗',
        };
      }),
    );
    console.log(
      'p99 < 300 ms is judged for sync requests only: sign-in is a deliberately slow ' +
        'password hash, once per session, timed before the syncs start.',
    );
    console.log(
      `the bench's own event loop (all ${tabletCount} tablets) was late by p50 ` +
        `${lateMs(run.benchLoopDelay.percentile(50))} / p99 ` +
        `${lateMs(run.benchLoopDelay.percentile(99))} / max ${lateMs(run.benchLoopDelay.max)} ms ` +
        `(part of every time above; real tablets each have their own); tablets' fetch: ${tabletClient}`,
    );
    console.log(describeTimeline(run.syncTimeline, run.benchLateByWindow));
    console.log(describeCpu(run.cpu, run.dialect));
    console.log(describeDayCost(run.cpu, run.days));
    const { records, ownWrites } = run.pulled;
    console.log(
      `pulled ${records} records, ${ownWrites} of them (${records ? ((100 * ownWrites) / records).toFixed(0) : 0}%) ` +
        `the pulling tablet's own writes coming back`,
    );
    const errorCount = [...run.errors.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `errors: ${errorCount}${errorCount > 0 ? ` ${JSON.stringify(Object.fromEntries(run.errors))}` : ''}` +
        ` ${errorCount === 0 ? '✓' : '✗'}`,
    );
    console.log(
      `writes: ${run.acknowledged} acknowledged, ${run.arrived.mutations} on the server ` +
        `(${run.arrived.records} records); lost ${Math.max(lost, 0)} ${lost <= 0 ? '✓' : '✗'}`,
    );
  }
}

/**
 * Whether the cores were full while the tablets synced, and whose work filled them: a
 * request's time here includes its wait for a core, which real tablets (each with its own
 * processor) do not add to the server's.
 */
function describeCpu(cpu: CpuSplit | null, dialect: DatabaseConfig['dialect']): string {
  if (!cpu) return 'CPU while syncing: not measured (needs /proc, Linux only)';
  const coreSeconds = cpu.wallSeconds * cpu.cores;
  const share = (seconds: number) => `${((100 * seconds) / coreSeconds).toFixed(0)}%`;
  const rest = dialect === 'postgres' ? 'PostgreSQL and anything else' : 'anything else';
  return (
    `CPU while syncing (${cpu.cores} cores): busy ${(100 * cpu.machineBusy).toFixed(0)}% — ` +
    `the bench's tablets ${share(cpu.self)}, the servers ${share(cpu.chosen)}, ` +
    `${rest} ${share(cpu.rest)} (shares of all cores' time)`
  );
}

/**
 * What one tablet's day (its push and its pull) cost the machine's CPU, and what the
 * tablets' own pace asks of the cores: each tablet starts a day a pause after the last,
 * so with no wait at all the servers would be asked for tablets ÷ mean pause days a
 * second. The tablets wait for their answers, so when the cores cannot give that, the
 * answers slow until the days asked for are the days served: a machine asked for more
 * than its cores shows it as latency, not as errors.
 */
function describeDayCost(cpu: CpuSplit | null, days: number): string {
  if (!cpu || days === 0) return 'CPU per day synced: not measured';
  const msPerDay = (seconds: number) => (1000 * seconds) / days;
  const total = msPerDay(cpu.machineBusy * cpu.wallSeconds * cpu.cores);
  const meanPauseSeconds = (pauseMs.min + pauseMs.max) / 2000;
  const askedPerSecond = tabletCount / meanPauseSeconds;
  return (
    `a tablet's day (push and pull) took ${msPerDay(cpu.self).toFixed(1)} ms of the ` +
    `bench's CPU and ${msPerDay(cpu.chosen).toFixed(1)} ms of the servers' ` +
    `(${total.toFixed(1)} ms of the machine's in all), ${(days / cpu.wallSeconds).toFixed(0)} days a second; ` +
    `at the tablets' own pace (${tabletCount} ÷ ${meanPauseSeconds} s = ${askedPerSecond.toFixed(0)} a second) ` +
    `that asks ${((askedPerSecond * total) / 1000).toFixed(2)} of the ${cpu.cores} cores`
  );
}

/** Each window's sync answers: how many, their p99, and how late the bench itself ran. */
function describeTimeline(timeline: readonly number[][], benchLate: readonly number[]): string {
  const windows = Array.from(timeline, (times = [], i) => {
    const sorted = [...times].sort((a, b) => a - b);
    const from = i * windowSeconds;
    return (
      `${from}–${from + windowSeconds} s ${times.length} × p99 ` +
      `${Math.round(percentile(sorted, 0.99))} ms (bench late ${benchLate[i] ?? '?'})`
    );
  });
  return `sync answers by when they ended, with the bench's own p99 lateness: ${windows.join(', ')}`;
}

/** The histogram holds each timer's whole interval: its lateness is what exceeds it. */
function lateMs(nanoseconds: number): number {
  return Math.max(0, Math.round(nanoseconds / 1e6 - loopDelayResolutionMs));
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** The message and its causes' (fetch says only "fetch failed"). */
function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages.join(' ← ').slice(0, 120) || 'error';
}

/** `work` on every item, at most `limit` at a time; results in the items' order. */
async function inTurns<T, R>(
  limit: number,
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
