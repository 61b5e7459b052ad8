/**
 * The sync property, written once and run on both engines:
 * three tablets of one centre — real stores on fake-indexeddb, the real sync engine over
 * HTTP — against the real server, under generated histories of saves, sync runs, lost
 * requests and lost answers, repeated and late deliveries, concurrent runs whose pushes
 * arrive out of order, and server restarts. At the end every tablet syncs until quiet and:
 *
 * 1. every tablet holds exactly the server's records (fields, values, stamps);
 * 2. no write is lost: each field write a tablet accepted is the current value, or was
 *    replaced by a write made with it in view (whose base is its stamp), or is kept as a
 *    conflict on the server, or equals the current value (or an equal write is one of
 *    those: the server keeps nothing for two writes of one value).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleIntake } from '../../src/data/case-store.testing.ts';
import { isSameValue, type FieldMap } from '../../src/domain/merge.ts';
import { SYNC_START, seedSyncFixture } from './sync-fixture.ts';
import {
  SimulatedTablet,
  SyncServer,
  type AcceptedWrite,
  type Engine,
  type Fault,
} from './sync-property-world.ts';

const TABLETS = 3;

type TabletIndex = 0 | 1 | 2;

interface CaseChanges {
  riskLevel?: 'low' | 'medium' | 'high' | null;
  survivorPhone?: string | null;
  safetyPlan?: string | null;
}

export type Command =
  | { do: 'register'; tablet: TabletIndex }
  | { do: 'update'; tablet: TabletIndex; pick: number; changes: CaseChanges }
  | { do: 'addNote'; tablet: TabletIndex; pick: number }
  | { do: 'removeEntry'; tablet: TabletIndex; pick: number }
  | { do: 'removeCase'; tablet: TabletIndex; pick: number }
  | { do: 'sync'; tablet: TabletIndex; faults: Fault[] }
  /** Both run at once; the first one's pushes wait until the second run has finished. */
  | { do: 'interleave'; first: TabletIndex; second: TabletIndex; faults: Fault[] }
  | { do: 'deliverAgain'; tablet: TabletIndex; pick: number }
  /** A save made while the tablet's own push is on the wire. */
  | { do: 'saveDuringSync'; tablet: TabletIndex; pick: number; changes: CaseChanges }
  | { do: 'restartServer' };

const tablet = fc.constantFrom<TabletIndex>(0, 1, 2);
const pick = fc.nat(7);
const faults = fc.array(fc.constantFrom<Fault>('deliver', 'lose-request', 'lose-answer'), {
  maxLength: 3,
});
const changes = fc
  .record(
    {
      riskLevel: fc.constantFrom('low', 'medium', 'high', null),
      survivorPhone: fc.constantFrom('9876543210', '9123456780', null),
      safetyPlan: fc.constantFrom('बहन के घर रहेंगी।', 'Stays with her aunt.', null),
    },
    { requiredKeys: [] },
  )
  .filter((value) => Object.keys(value).length > 0) as fc.Arbitrary<CaseChanges>;

export const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ do: fc.constant('register' as const), tablet }) },
  {
    weight: 5,
    arbitrary: fc.record({ do: fc.constant('update' as const), tablet, pick, changes }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('addNote' as const), tablet, pick }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('removeEntry' as const), tablet, pick }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('removeCase' as const), tablet, pick }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('sync' as const), tablet, faults }) },
  {
    weight: 2,
    arbitrary: fc
      .record({ do: fc.constant('interleave' as const), first: tablet, second: tablet, faults })
      .filter((command) => command.first !== command.second),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('deliverAgain' as const), tablet, pick }) },
  { weight: 1, arbitrary: fc.constant({ do: 'restartServer' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ do: fc.constant('saveDuringSync' as const), tablet, pick, changes }),
  },
);

/** Tablet clocks off from the server's by up to two minutes either way. */
const skews = fc.tuple(
  ...Array.from({ length: TABLETS }, () => fc.integer({ min: -120_000, max: 120_000 })),
);

export interface SyncPropertyOptions {
  readonly engine: Engine;
  readonly baseUrl?: () => string;
  readonly numRuns: number;
  readonly maxCommands: number;
}

export function syncPropertySuite(options: SyncPropertyOptions): void {
  let server: SyncServer;
  beforeAll(async () => {
    server = await SyncServer.open(options.engine, options.baseUrl?.());
  });
  afterAll(async () => {
    await server?.close();
  });

  it('converges and loses no write under faults, repeats, reordering and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        skews,
        fc.array(commandArbitrary, { minLength: 8, maxLength: options.maxCommands }),
        async (skewsMs, commands) => {
          await runHistory(server, skewsMs, commands);
        },
      ),
      { numRuns: options.numRuns, endOnFailure: false },
    );
  }, 180_000);
}

async function runHistory(server: SyncServer, skewsMs: number[], commands: readonly Command[]) {
  server.time = SYNC_START.getTime() + 86_400_000;
  const fixture = await seedSyncFixture(server.db);
  const actors = [
    fixture.actors.caseworker,
    fixture.actors.caseworker2,
    fixture.actors.manager,
  ] as const;
  const tablets = await Promise.all(
    actors.map((actor, i) => SimulatedTablet.open(i, actor, server, skewsMs[i]!)),
  );
  const trace: string[] = [];
  try {
    // Shared cases from the start, so most generated edits meet another tablet's.
    const prelude: Command[] = [
      { do: 'register', tablet: 0 },
      { do: 'register', tablet: 1 },
      ...tablets.map((each) => ({
        do: 'sync' as const,
        tablet: each.index as TabletIndex,
        faults: [],
      })),
      { do: 'sync', tablet: 0, faults: [] },
    ];
    for (const command of [...prelude, ...commands]) {
      server.time += 1_000;
      for (const each of tablets) each.tick();
      trace.push(`${describe(command)} → ${await execute(server, tablets, command)}`);
    }
    for (const each of tablets) each.faults = [];
    // Until quiet: a run may still meet a connection the server dropped on restart, and a
    // tablet simply tries again.
    for (let round = 0; round < 2; round++) {
      for (const each of tablets) {
        let outcome = await each.sync();
        for (let retry = 0; retry < 3 && outcome.startsWith('stopped'); retry++) {
          outcome = await each.sync();
        }
        trace.push(`final sync T${each.index} → ${outcome}`);
      }
    }
    await checkInvariants(server, fixture.own.id, tablets, trace);
  } finally {
    for (const each of tablets) each.close();
  }
}

async function execute(
  server: SyncServer,
  tablets: readonly SimulatedTablet[],
  command: Command,
): Promise<string> {
  switch (command.do) {
    case 'register':
      return tablets[command.tablet]!.save(({ cases }) =>
        cases.registerCase(sampleIntake({ survivorName: `सुनीता ${command.tablet}` })),
      );
    case 'update': {
      const target = tablets[command.tablet]!;
      const caseId = await pickCase(target, command.pick);
      if (!caseId) return 'no case';
      return target.save(({ cases }) => cases.updateCase(caseId, command.changes));
    }
    case 'removeCase': {
      const target = tablets[command.tablet]!;
      const caseId = await pickCase(target, command.pick);
      if (!caseId) return 'no case';
      return target.save(({ cases }) => cases.removeCase(caseId));
    }
    case 'addNote': {
      const target = tablets[command.tablet]!;
      const caseId = await pickCase(target, command.pick);
      if (!caseId) return 'no case';
      const text = `नोट ${server.time}`;
      return target.save(({ cases }) => cases.addEntry(caseId, 'note', { text }));
    }
    case 'removeEntry': {
      const target = tablets[command.tablet]!;
      const notes = await target.store.db.entries.toArray();
      notes.sort((a, b) => compareText(textOf(a.fields), textOf(b.fields)));
      const note = notes[command.pick % Math.max(1, notes.length)];
      if (!note) return 'no entry';
      return target.save(({ cases }) => cases.removeEntry('note', note.id));
    }
    case 'sync': {
      const target = tablets[command.tablet]!;
      target.faults = [...command.faults];
      const outcome = await target.sync();
      target.faults = [];
      return outcome;
    }
    case 'interleave': {
      const first = tablets[command.first]!;
      const second = tablets[command.second]!;
      first.faults = [...command.faults];
      let release = () => {};
      first.gate = new Promise((resolve) => (release = resolve));
      const firstRun = first.sync();
      const secondRun = second.sync().finally(() => {
        first.gate = null;
        release();
      });
      const outcomes = await Promise.all([firstRun, secondRun]);
      first.faults = [];
      return outcomes.join(' | ');
    }
    case 'saveDuringSync': {
      const target = tablets[command.tablet]!;
      const caseId = await pickCase(target, command.pick);
      if (!caseId) return 'no case';
      let release = () => {};
      target.gate = new Promise((resolve) => (release = resolve));
      const run = target.sync();
      const saved = await target.save(({ cases }) => cases.updateCase(caseId, command.changes));
      target.gate = null;
      release();
      return `${saved}; ${await run}`;
    }
    case 'deliverAgain':
      return tablets[command.tablet]!.deliverAgain(command.pick);
    case 'restartServer':
      await server.restart();
      return `restarted (${server.restarts})`;
  }
}

/** Cases this tablet holds, in case-number order (stable across runs of one history). */
async function pickCase(target: SimulatedTablet, pickIndex: number): Promise<string | null> {
  const rows = await target.store.db.cases.toArray();
  rows.sort((a, b) =>
    compareText(String(a.fields.caseNumber?.value), String(b.fields.caseNumber?.value)),
  );
  return rows[pickIndex % Math.max(1, rows.length)]?.id ?? null;
}

function textOf(fields: FieldMap): string {
  const text = fields.text?.value;
  return typeof text === 'string' ? text : '';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(command: Command): string {
  const { do: action, ...rest } = command;
  return `${action} ${JSON.stringify(rest)}`;
}

async function checkInvariants(
  server: SyncServer,
  centreId: string,
  tablets: readonly SimulatedTablet[],
  trace: readonly string[],
) {
  const held = await server.recordsOf(centreId);
  const story = `\nHistory:\n  ${trace.join('\n  ')}`;
  for (const each of tablets) {
    const waiting = await each.store.db.outbox.toArray();
    expect(waiting, `T${each.index} still has changes waiting or refused${story}`).toEqual([]);
    expect(
      sortedEntries(await each.recordsHeld()),
      `T${each.index} differs from the server${story}`,
    ).toEqual(sortedEntries(held));
  }

  const writes = tablets.flatMap((each) => [...each.writes.values()].flat());
  const lost = writes.filter((write) => !isKept(write, writes, held));
  expect(lost.map(describeWrite), `writes lost${story}`).toEqual([]);
}

function sortedEntries(records: Map<string, FieldMap>) {
  return [...records.entries()].sort(([a], [b]) => compareText(a, b));
}

function isKept(
  write: AcceptedWrite,
  writes: readonly AcceptedWrite[],
  held: Map<string, FieldMap>,
): boolean {
  const current = held.get(write.recordId)?.[write.field];
  if (current !== undefined && isSameValue(current.value, write.value)) return true;
  // The server keeps nothing for two writes of one value: either may stand for the other.
  return writes.some(
    (other) =>
      other.recordId === write.recordId &&
      other.field === write.field &&
      isSameValue(other.value, write.value) &&
      isKeptItself(other, writes, held, current?.stamp),
  );
}

function isKeptItself(
  write: AcceptedWrite,
  writes: readonly AcceptedWrite[],
  held: Map<string, FieldMap>,
  currentStamp: string | undefined,
): boolean {
  if (currentStamp === write.stamp) return true;
  const replacedKnowingly = writes.some(
    (other) =>
      other.recordId === write.recordId &&
      other.field === write.field &&
      other.base === write.stamp,
  );
  if (replacedKnowingly) return true;
  return [...held.values()].some(
    (record) =>
      record.recordId?.value === write.recordId &&
      record.stamp?.value === write.stamp &&
      (record.field?.value === write.field || record.field?.value === 'deleted'),
  );
}

function describeWrite(write: AcceptedWrite): string {
  return `T${write.tablet} ${write.recordId.slice(-6)}.${write.field} = ${JSON.stringify(write.value)} @${write.stamp} (base ${write.base})`;
}
