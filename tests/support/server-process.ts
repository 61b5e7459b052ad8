/**
 * The headquarters server as its own operating-system process (`tsx server/main.ts
 * --demo`, as `npm start` runs it), on 127.0.0.1 and a free port, with one data folder
 * that outlives restarts — so a test can SIGKILL it mid-request and start it again on the
 * same database, as a power cut or an out-of-memory kill would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.ts';

export interface ServerProcess {
  /** e.g. http://127.0.0.1:39215 (no trailing slash) */
  readonly url: string;
  /** Its SAKHI_DATA_DIR (on SQLite, `sakhi.sqlite` is there): for backup and restore. */
  readonly dataDir: string;
  /** Its environment, for an admin command on the same database (`npm run admin`). */
  readonly env: NodeJS.ProcessEnv;
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
  kill(): Promise<void>;
  /**
   * SIGTERM, then waits for the process to exit: the server finishes what is in flight and
   * closes its database, and Node writes what its arguments asked for at exit (a
   * `--cpu-prof` profile). SIGKILL after `graceMs` (default 30 s) if it has not exited.
   */
  stop(graceMs?: number): Promise<void>;
  isRunning(): boolean;
  /** Its process id while it runs (the load bench reads its CPU time from /proc). */
  pid(): number | undefined;
  /** What the process has printed since it last started. */
  output(): string;
  /** Stops it (`stop` when started with `nodeArguments`, else `kill`) and removes its data folder. */
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `databaseUrl`: run on that PostgreSQL instead of a fresh SQLite file. `secretsFile`:
 * the secrets file to share with other processes of the same database (default: one in
 * this process's own data directory). `dataDir`: an empty folder to use (its SQLite file
 * is `sakhi.sqlite`), removed on close like the one made otherwise. `nodeArguments`: more
 * arguments for node before the script (`--cpu-prof`, `--import` of a probe); `close`
 * then stops the process gracefully, so whatever they write at exit is written.
 */
export async function startServerProcess(
  options: {
    databaseUrl?: string;
    secretsFile?: string;
    dataDir?: string;
    nodeArguments?: readonly string[];
  } = {},
): Promise<ServerProcess> {
  const nodeArguments = options.nodeArguments ?? [];
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sakhi-faults-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  const env = {
    ...process.env,
    PORT: String(port),
    SAKHI_DATA_DIR: dataDir,
    SAKHI_SECRETS_FILE: options.secretsFile ?? join(dataDir, 'secrets.json'),
    SAKHI_HOST: '127.0.0.1',
    // Empty means SQLite, whatever the environment running the tests has set.
    DATABASE_URL: options.databaseUrl ?? '',
    // Every scenario signs in fresh tablets (and an auditor) for the same demo accounts,
    // far past a day's bound on new tablets; that bound has its own suite.
    SAKHI_NEW_DEVICES_PER_ACCOUNT: '10000',
    SAKHI_NEW_DEVICES_PER_CENTRE: '10000',
  };

  const start = async () => {
    output = '';
    child = spawn(
      process.execPath,
      [...nodeArguments, '--import', 'tsx', 'server/main.ts', '--demo'],
      {
        cwd: PROJECT_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited on start:\n${output}`);
      try {
        // A try never answered must not outlast the 30 s: it was waited for without end.
        const response = await fetch(`${url}/api/health`, {
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        if (response.ok) return;
      } catch {
        // not listening yet (or, at the deadline, not answering)
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A server that never came up must not outlive the test run that started it.
    await kill();
    throw new Error(`the server did not answer /api/health within 30 s:\n${output}`);
  };

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  const stop = async (graceMs = 30_000) => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url,
    dataDir,
    env,
    start,
    kill,
    stop,
    isRunning: () => child !== null && child.exitCode === null,
    pid: () => (child?.exitCode === null ? child.pid : undefined),
    output: () => output,
    close: async () => {
      // A probe's or profiler's output is written at exit; a plain test server is cut.
      await (nodeArguments.length > 0 ? stop() : kill());
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
