// @vitest-environment node
// The entry point as an operator runs it: a real process, real signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDirs: string[] = [];

afterEach(() => {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runMain(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

function waitFor(
  read: () => string,
  pattern: RegExp,
  child: ChildProcess,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = read().match(pattern);
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited early:\n${read()}`));
      }
    }, 50);
  });
}

// A whole Node process with tsx, migrations and one scrypt hash: slow on a busy CI machine.
const PROCESS_TIMEOUT_MS = 30_000;

describe('server/main.ts', () => {
  it(
    'exits 2 with a message naming the bad variable',
    async () => {
      const run = runMain({ PORT: 'eighty' });
      expect(await run.exited).toBe(2);
      expect(run.output()).toContain('invalid_config: PORT');
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'refuses a production start with no state_admin, printing the command that creates one',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sakhi-main-'));
      dataDirs.push(dataDir);
      const run = runMain({ PORT: '0', SAKHI_DATA_DIR: dataDir });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('no_state_admin');
      expect(run.output()).toContain(
        `SAKHI_DATA_DIR=${dataDir} npm run admin -- create-user --username state.admin --role state_admin`,
      );
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'starts in demo mode, lists the demo sign-ins, and shuts down cleanly on SIGTERM',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sakhi-main-'));
      dataDirs.push(dataDir);
      const run = runMain({ PORT: '0', SAKHI_DATA_DIR: dataDir }, ['--demo']);
      try {
        const [, url] = await waitFor(
          run.output,
          /server: (http:\/\/127\.0\.0\.1:\d+\/)/,
          run.child,
        );
        await waitFor(run.output, /state\.analyst/, run.child);
        expect(run.output()).toContain('sakhi-demo-2026');
        expect(run.output()).toContain('DEMO MODE');
        const health = await fetch(new URL('/api/health', url));
        expect(await health.json()).toMatchObject({ status: 'ok', demo: true });
      } finally {
        run.child.kill('SIGTERM');
      }
      expect(await run.exited).toBe(0);
    },
    PROCESS_TIMEOUT_MS,
  );
});
