/**
 * The fault harness on a state's deployment: two server processes on one PostgreSQL, as
 * behind a load balancer, with tablets pushing through both while one is killed (SIGKILL)
 * again and again under load. Run by `npm run test:faults` with the SQLite scenarios
 * (tests/sync-faults.faults.test.ts), and by `npm test` in the pg project. The same
 * verdict: every record each tablet holds reaches the server whole and once.
 */
// The pg project has no IndexedDB of its own; Dexie must find it when it loads.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  closeTablets,
  compare,
  openTablet,
  printResults,
  saveWork,
  type ScenarioResult,
} from './support/fault-tablets.ts';
import { createTestDatabase, dropTestDatabase } from './support/postgres.ts';
import { seededRandom } from './support/seeded-random.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

const baseUrl = inject('databaseUrl');
let databaseUrl: string;
let killed: ServerProcess;
let steady: ServerProcess;
let secretsDir: string | undefined;
const results: ScenarioResult[] = [];

beforeAll(async () => {
  databaseUrl = await createTestDatabase(baseUrl);
  // One after the other: the first migrates, seeds and makes the secrets file, the second
  // finds all three done, as docs/operations.md asks of two processes on one database.
  secretsDir = mkdtempSync(join(tmpdir(), 'sakhi-two-secrets-'));
  const secretsFile = join(secretsDir, 'secrets.json');
  killed = await startServerProcess({ databaseUrl, secretsFile });
  steady = await startServerProcess({ databaseUrl, secretsFile });
}, 90_000);

afterAll(async () => {
  closeTablets();
  await killed?.close();
  await steady?.close();
  if (databaseUrl) await dropTestDatabase(baseUrl, databaseUrl);
  if (secretsDir) rmSync(secretsDir, { recursive: true, force: true });
  printResults(results);
});

describe('sync under faults on PostgreSQL', () => {
  it('loses nothing when one of two servers is killed under load', async () => {
    const random = seededRandom(31);
    const throughKilled = await openTablet(killed.url, 'lko.caseworker');
    const throughSteady = await openTablet(steady.url, 'lko.nurse');
    const rounds = 6;
    const savesPerRound = 5;
    let interrupted = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < savesPerRound; i += 1) {
        const index = round * savesPerRound + i;
        await saveWork(throughKilled, 'TwoKilled', index);
        await saveWork(throughSteady, 'TwoSteady', index);
      }
      const steadySync = throughSteady.sync().catch(() => undefined);
      const killedSync = throughKilled.sync().then(
        () => false,
        () => true,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 40)));
      await killed.kill();
      if (await killedSync) interrupted += 1;
      await steadySync;
      await killed.start();
    }
    expect(interrupted).toBeGreaterThan(0);
    const result = await compare(
      steady.url,
      'PostgreSQL: 1 of 2 servers killed under load',
      2 * rounds * savesPerRound,
      [throughKilled, throughSteady],
    );
    results.push(result);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, halfWritten: 0, refused: 0 });
  }, 180_000);
});
