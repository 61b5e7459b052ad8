/**
 * A backup of the fault harness's server process and its restore, done as
 * docs/operations.md ("Backups and restore") tells an operator to on SQLite: the backup by
 * `npm run admin -- backup` while the server runs; the restore with the server stopped,
 * the old database files moved away and the backup copied in its place.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './paths.ts';
import type { ServerProcess } from './server-process.ts';

const run = promisify(execFile);

/** Returns the backup file, in the server's data folder (removed with it). */
export async function backUpServer(server: ServerProcess, name: string): Promise<string> {
  const file = join(server.dataDir, `${name}.sqlite`);
  await run('npm', ['run', '--silent', 'admin', '--', 'backup', file], {
    cwd: PROJECT_ROOT,
    env: server.env,
  });
  if (!existsSync(file)) throw new Error(`the backup did not write ${file}`);
  return file;
}

export async function restoreServer(server: ServerProcess, backup: string): Promise<void> {
  await server.kill();
  const database = join(server.dataDir, 'sakhi.sqlite');
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${database}${suffix}`;
    if (existsSync(file)) renameSync(file, `${file}.before-restore`);
  }
  copyFileSync(backup, database);
  await server.start();
}
