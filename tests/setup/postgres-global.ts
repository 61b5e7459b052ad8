/**
 * Vitest globalSetup of the `pg` project: a throwaway PostgreSQL cluster for the run.
 *
 * With SAKHI_TEST_DATABASE_URL set, that server is used instead (its role needs
 * CREATEDB: each test file makes its own database, see tests/support/postgres.ts).
 * Otherwise the cluster lives in a temp folder, listens only on 127.0.0.1 and a socket in
 * that folder, and is stopped and deleted when the run ends. Missing PostgreSQL is an
 * error, never a skip: CI must not go green without having tested the engine.
 */
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database on the test server; create one per test file with createTestDatabase. */
    databaseUrl: string;
  }
}

const INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin.\n' +
  'Install them with:  apt-get update && apt-get install -y postgresql\n' +
  'or point the tests at a running server:  SAKHI_TEST_DATABASE_URL=postgres://user@host:5432/db';

export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.SAKHI_TEST_DATABASE_URL?.trim();
  if (external) {
    project.provide('databaseUrl', external);
    return () => {};
  }
  const bin = findServerBinaries();
  stopAbandonedClusters(bin);
  const cluster = await startCluster(bin);
  // Vitest skips teardown when a run aborts (an unhandled error, process.exit); the
  // cluster must not outlive us then either.
  process.once('exit', cluster.stop);
  project.provide('databaseUrl', cluster.url);
  return cluster.stop;
}

interface ServerBinaries {
  initdb: string;
  pgCtl: string;
}

export function findServerBinaries(): ServerBinaries {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'initdb'));
  const installed = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin', 'initdb'))
    : [];
  for (const candidate of [...onPath, ...installed]) {
    if (!isExecutable(candidate)) continue;
    // /usr/local/bin/initdb is often a symlink; pg_ctl and postgres sit beside the target.
    const bin = dirname(realpathSync(candidate));
    if (isExecutable(join(bin, 'pg_ctl'))) {
      return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl') };
    }
  }
  throw new Error(INSTALL_HINT);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const CLUSTER_PREFIX = 'sakhi-pg-';
// Written into each cluster's folder: the Vitest process it belongs to.
const OWNER_FILE = 'owner.pid';

/**
 * A throwaway cluster with an empty database `sakhi_test` (the load bench uses it too).
 * Tests run it without fsync; `durable` keeps PostgreSQL's defaults, so every commit is
 * flushed to disk as in production (the load bench measures that).
 */
export async function startCluster(
  bin: ServerBinaries,
  { durable = false }: { durable?: boolean } = {},
): Promise<{ url: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), CLUSTER_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const runAs = asClusterOwner(dir);
  const dataDir = join(dir, 'data');
  try {
    // --no-locale with UTF8: Hindi text round-trips whatever the machine's locale is.
    runAs(bin.initdb, [
      '-D',
      dataDir,
      '--auth=trust',
      '-U',
      'postgres',
      '--no-locale',
      '-E',
      'UTF8',
    ]);
    const port = await startOnFreePort(bin, runAs, dataDir, dir, durable);
    let isStopped = false;
    const stop = () => {
      if (isStopped) return;
      isStopped = true;
      try {
        runAs(bin.pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const url = `postgres://postgres@127.0.0.1:${port}/sakhi_test`;
    try {
      await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, 'sakhi_test');
    } catch (error) {
      stop();
      throw error;
    }
    return { url, stop };
  } catch (error) {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Stops clusters left by runs that were killed outright (SIGKILL, a crash), where even
 * the exit hook could not run. Only clusters whose owning process is gone: another
 * run's live cluster is left alone.
 */
function stopAbandonedClusters(bin: ServerBinaries): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(CLUSTER_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours, or still being created
    }
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    try {
      if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
        asClusterOwner(dir)(bin.pgCtl, ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
      }
    } catch {
      // Already stopped: nothing to do but remove the folder.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Run = (file: string, args: string[]) => void;

/** initdb refuses to run as root; as root the cluster belongs to the `postgres` user. */
function asClusterOwner(dir: string): Run {
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    try {
      execFileSync('chown', ['-R', 'postgres:', dir]);
    } catch (error) {
      throw new Error(
        `Running as root, the test cluster must belong to the "postgres" user, but chown failed. ` +
          `Create the user (useradd --system postgres) or install: apt-get install -y postgresql`,
        { cause: error },
      );
    }
  }
  return (file, args) => {
    const [command, commandArgs] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
      : [file, args];
    try {
      execFileSync(command, commandArgs, { stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      const output = error as { stdout?: string; stderr?: string };
      throw new Error(
        `${file} ${args.join(' ')} failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`,
        {
          cause: error,
        },
      );
    }
  };
}

async function startOnFreePort(
  bin: ServerBinaries,
  runAs: Run,
  dataDir: string,
  socketDir: string,
  durable: boolean,
) {
  // The free port can be taken between our check and PostgreSQL's bind; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const options = [
      `-p ${port}`,
      `-k ${socketDir}`,
      '-c listen_addresses=127.0.0.1',
      // A throwaway cluster: durability costs time and buys nothing in tests.
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    try {
      runAs(bin.pgCtl, [
        '-D',
        dataDir,
        '-l',
        join(socketDir, 'server.log'),
        '-o',
        options,
        '-w',
        '-t',
        '60',
        'start',
      ]);
      return port;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}
