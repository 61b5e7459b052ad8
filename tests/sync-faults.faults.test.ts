/**
 * The fault harness (`npm run test:faults`, part of `npm test`): the real server as its
 * own process (`tsx server/main.ts --demo` on SQLite) and the real sync engine on tablets
 * with their own IndexedDB, under the faults a district centre meets — the server killed
 * (SIGKILL) in the middle of pushes and pulls, a link that delays, loses answers, cuts
 * uploads and delivers requests twice, and tablet clocks days off.
 *
 * Every scenario ends the same way: the tablet syncs on a good link until its outbox is
 * empty, and a fresh tablet pulls everything from the server. Then, for every record the
 * writing tablet holds: missing on the server is LOST; stored with any field's value or
 * stamp different is HALF-WRITTEN; a saved case or note found more than once is
 * DUPLICATED. One table prints at the end, and every count but "tried" must be 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fates, startFaultProxy, type Fate } from './support/fault-proxy.ts';
import {
  DAY_MS,
  closeTablets,
  compare,
  openTablet,
  printResults,
  recordsOf,
  saveWork,
  syncUntilSent,
  type ScenarioResult,
} from './support/fault-tablets.ts';
import { seededRandom } from './support/seeded-random.ts';
import { backUpServer, restoreServer } from './support/server-backup.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

let server: ServerProcess;
const results: ScenarioResult[] = [];

async function expectNothingLost(
  scenario: string,
  tried: number,
  writers: Parameters<typeof compare>[3],
  alsoLost = 0,
) {
  const result = await compare(server.url, scenario, tried, writers);
  result.lost += alsoLost;
  results.push(result);
  expect(result).toMatchObject({ lost: 0, duplicated: 0, halfWritten: 0, refused: 0 });
}

beforeAll(async () => {
  server = await startServerProcess();
}, 60_000);

afterAll(async () => {
  closeTablets();
  await server?.close();
  printResults(results);
});

describe('sync under faults', () => {
  it('loses nothing when the server is killed in the middle of pushes', async () => {
    const random = seededRandom(7);
    const writer = await openTablet(server.url, 'lko.caseworker');
    const rounds = 8;
    const savesPerRound = 5;
    let interrupted = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < savesPerRound; i += 1) {
        await saveWork(writer, 'KillPush', round * savesPerRound + i);
      }
      const syncing = writer.sync().then(
        () => false,
        () => true,
      );
      // Anywhere from before the request lands to after the commit, before the answer.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 40)));
      await server.kill();
      if (await syncing) interrupted += 1;
      await server.start();
    }
    // Some kills must have cut a run short, or this proved nothing about kills.
    expect(interrupted).toBeGreaterThan(0);
    await expectNothingLost('server SIGKILL during push', rounds * savesPerRound, [writer]);
  }, 120_000);

  it('loses nothing when the server is killed in the middle of pulls', async () => {
    const random = seededRandom(11);
    const writer = await openTablet(server.url, 'lko.nurse');
    const saves = 30;
    for (let i = 0; i < saves; i += 1) await saveWork(writer, 'KillPull', i);
    await syncUntilSent(writer);
    const reader = await openTablet(server.url, 'lko.operator');
    let interrupted = 0;
    for (let round = 0; round < 6; round += 1) {
      const pulling = reader.sync().then(
        () => false,
        () => true,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)));
      await server.kill();
      if (await pulling) interrupted += 1;
      await server.start();
    }
    expect(interrupted).toBeGreaterThan(0);
    await syncUntilSent(reader);
    await reader.sync();
    // The reader must hold every record the writer wrote, as the auditor does.
    const written = await recordsOf(writer);
    const pulled = await recordsOf(reader);
    const missing = [...written.keys()].filter((id) => !pulled.has(id));
    await expectNothingLost('server SIGKILL during pull', saves, [writer], missing.length);
  }, 120_000);

  it('loses nothing on a link that delays, drops answers, cuts uploads and repeats requests', async () => {
    const random = seededRandom(23);
    const chooseFate = (): Fate => fates[Math.floor(random() * fates.length)]!;
    const proxy = await startFaultProxy(server.url, chooseFate);
    try {
      const writer = await openTablet(server.url, 'lko.caseworker');
      const saves = 40;
      for (let i = 0; i < saves; i += 1) {
        await saveWork(writer, 'Link', i);
        if (i % 3 === 2) await writer.sync(proxy.url).catch(() => undefined);
      }
      for (let round = 0; round < 10; round += 1) {
        await writer.sync(proxy.url).catch(() => undefined);
      }
      // Every fate was met, or the scenario proved less than it claims.
      for (const fate of fates) expect(proxy.counts[fate], fate).toBeGreaterThan(0);
      await expectNothingLost('link: delayed, lost, cut, truncated, twice', saves, [writer]);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it.each([
    ['tablet clock 3 days behind', -3 * DAY_MS],
    ['tablet clock 3 days ahead', 3 * DAY_MS],
  ])(
    'loses nothing with the %s',
    async (scenario, offsetMs) => {
      const writer = await openTablet(server.url, 'lko.manager', offsetMs);
      const saves = 10;
      for (let i = 0; i < saves; i += 1) await saveWork(writer, `Clock${offsetMs}`, i);
      await expectNothingLost(scenario, saves, [writer]);
    },
    120_000,
  );

  it('loses nothing when a backup is restored while tablets hold later cursors', async () => {
    const first = await openTablet(server.url, 'lko.caseworker');
    const second = await openTablet(server.url, 'lko.nurse');
    const before = 6;
    for (let i = 0; i < before; i += 1) await saveWork(first, 'Restore', i);
    await syncUntilSent(first);
    await syncUntilSent(second);
    const backup = await backUpServer(server, 'before-restore-scenario');

    // All acknowledged after the backup, so gone from the server once it is restored:
    // new cases and notes of both tablets, an edit of a case the backup holds, and a note
    // of the second tablet on a case of the first.
    const after = 8;
    for (let i = before; i < before + after; i += 1) await saveWork(first, 'Restore', i);
    const kept = (await first.store.db.cases.toArray()).find(
      (row) => row.fields.survivorName?.value === 'Restore 0',
    );
    await first.store.cases.updateCase(kept!.id, { riskLevel: 'high' });
    const theirs = 4;
    for (let i = 0; i < theirs; i += 1) await saveWork(second, 'RestoreTwo', i);
    await second.store.cases.addEntry(kept!.id, 'note', { text: 'RestoreTwo note on Restore 0' });
    await syncUntilSent(first);
    await syncUntilSent(second);
    await first.sync();

    await restoreServer(server, backup);
    await expectNothingLost(
      'backup restored, tablets hold later cursors',
      before + after + 1 + theirs + 1,
      [first, second],
    );
  }, 120_000);
});
