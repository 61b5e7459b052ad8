import { afterEach, describe, expect, it } from 'vitest';
import { formatStamp } from '../domain/hlc.ts';
import type { FieldMap } from '../domain/merge.ts';
import type { PulledRecord, RecordType } from '../domain/protocol.ts';
import { openTestStore, sampleIntake, type TestStore } from './case-store.testing.ts';
import { keptConflict, pullConflicts } from './conflicts.testing.ts';
import type { OutboxRow } from './database.ts';
import { saveSession, sessionFromSignIn } from './session.ts';
import { sampleSignInResponse } from './session.testing.ts';
import { openSyncInbox } from './sync-inbox.ts';
import { openSyncOutbox } from './sync-outbox.ts';
import type { SyncInbox } from './sync-store-ports.ts';

let store: TestStore;
let inbox: SyncInbox;
afterEach(() => store?.db.close());

const start = Date.parse('2026-03-10T05:00:00.000Z');
const colleague = '0190a000-0000-7000-8000-0000000000d2';
const theirs = (afterMs: number) =>
  formatStamp({ wallMs: start + afterMs, counter: 0, deviceId: colleague });

async function openTablet() {
  store = await openTestStore({ time: start });
  inbox = openSyncInbox({ db: store.db, clock: store.clock });
}

/** Headquarters answered every waiting mutation: the outbox empties, as after a push. */
async function acknowledgeAll() {
  const ids = (await store.db.outbox.toArray()).map((row) => row.id);
  await openSyncOutbox({ db: store.db, clock: store.clock }).acknowledge(ids);
}

async function fieldsOf(recordType: RecordType, id: string): Promise<FieldMap> {
  const row = recordType === 'case' ? await store.db.cases.get(id) : await store.db.entries.get(id);
  return row!.fields;
}

/** The record as a restored headquarters holds it: `fields` as given. */
function held(recordType: RecordType, id: string, caseId: string, fields: FieldMap): PulledRecord {
  return { recordType, id, caseId, centreId: store.staff.centreId, fields };
}

const queued = (): Promise<OutboxRow[]> => store.db.outbox.orderBy('seq').toArray();

describe('the recheck after a restore', () => {
  it('queues nothing the server holds, and re-offers records it never brought, cases first', async () => {
    await openTablet();
    const kept = await store.cases.registerCase(sampleIntake({ survivorName: 'रीना' }));
    const lost = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    const note = await store.cases.addEntry(lost.id, 'note', { text: 'फ़ोन पर बात हुई' });
    await acknowledgeAll();
    const lostFields = await fieldsOf('case', lost.id);
    const noteFields = await fieldsOf('note', note.id);

    await inbox.beginRecheck();
    await inbox.storePage([held('case', kept.id, kept.id, await fieldsOf('case', kept.id))], '1');
    expect(await store.db.outbox.count()).toBe(0);
    expect(await inbox.finishRecheck()).toBe(2);

    const [caseRow, noteRow] = await queued();
    expect(caseRow).toMatchObject({ recordType: 'case', recordId: lost.id, caseId: lost.id });
    expect(noteRow).toMatchObject({ recordType: 'note', recordId: note.id, caseId: lost.id });
    for (const [row, fields] of [
      [caseRow!, lostFields],
      [noteRow!, noteFields],
    ] as const) {
      expect(Object.keys(row.fields).sort()).toEqual(Object.keys(fields).sort());
      for (const [name, field] of Object.entries(fields)) {
        expect(row.fields[name]).toEqual({ ...field, base: null });
      }
    }
    // Ended: another finish, or another page, queues nothing more.
    expect(await inbox.finishRecheck()).toBe(0);
    await inbox.storePage([held('case', lost.id, lost.id, {})], '2');
    expect(await store.db.outbox.count()).toBe(2);
  });

  it('re-offers only the fields the server holds older, based on what it holds', async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    await acknowledgeAll();
    const atBackup = await fieldsOf('case', saved.id);
    store.time += 60_000;
    await store.cases.updateCase(saved.id, { riskLevel: 'high' });
    await acknowledgeAll();
    const edited = (await fieldsOf('case', saved.id)).riskLevel!;

    await inbox.beginRecheck();
    await inbox.storePage([held('case', saved.id, saved.id, atBackup)], '1');

    const [row] = await queued();
    expect(row!.fields).toEqual({
      riskLevel: { value: 'high', stamp: edited.stamp, base: atBackup.riskLevel!.stamp },
    });
    expect((await fieldsOf('case', saved.id)).riskLevel).toEqual(edited);
    expect(await inbox.finishRecheck()).toBe(0);
    expect(await store.db.outbox.count()).toBe(1);
  });

  it("never re-offers over a colleague's newer value", async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    await acknowledgeAll();
    const fields = await fieldsOf('case', saved.id);
    const renamed = { value: 'सुनीता देवी', stamp: theirs(3_600_000) };

    await inbox.beginRecheck();
    await inbox.storePage(
      [held('case', saved.id, saved.id, { ...fields, survivorName: renamed })],
      '1',
    );

    expect(await inbox.finishRecheck()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
    expect((await fieldsOf('case', saved.id)).survivorName).toEqual(renamed);
  });

  it('leaves what is still in the outbox, waiting or refused, to go up by itself', async () => {
    await openTablet();
    await store.cases.registerCase(sampleIntake({ survivorName: 'रीना' }));
    await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    const [, refused] = await queued();
    await openSyncOutbox({ db: store.db, clock: store.clock }).markRejected([
      { mutationId: refused!.id, code: 'forbidden', reason: { hi: 'मना', en: 'Refused' } },
    ]);

    await inbox.beginRecheck();
    expect(await inbox.finishRecheck()).toBe(0);
    expect(await store.db.outbox.count()).toBe(2);
  });

  it('does not re-offer a field written again since: the newer save carries it', async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    await acknowledgeAll();

    await inbox.beginRecheck();
    await store.cases.updateCase(saved.id, { survivorName: 'सुनीता देवी' });
    expect(await inbox.finishRecheck()).toBe(1);

    const [update, reoffer] = await queued();
    expect(Object.keys(update!.fields)).toEqual(['survivorName']);
    expect(reoffer!.fields.survivorName).toBeUndefined();
    expect(reoffer!.fields.caseNumber).toMatchObject({ value: saved.caseNumber, base: null });
  });

  it('re-offers each lost field once over several runs, the app closed in between', async () => {
    await openTablet();
    const first = await store.cases.registerCase(sampleIntake({ survivorName: 'रीना' }));
    const second = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    const third = await store.cases.registerCase(sampleIntake({ survivorName: 'कमला' }));
    await acknowledgeAll();
    const secondFields = await fieldsOf('case', second.id);

    await inbox.beginRecheck();
    await inbox.storePage([held('case', first.id, first.id, {})], '1');
    store = await store.reopen();
    inbox = openSyncInbox({ db: store.db, clock: store.clock });
    await inbox.storePage([held('case', first.id, first.id, {})], '1');
    await inbox.storePage([held('case', second.id, second.id, secondFields)], '2');
    expect(await inbox.finishRecheck()).toBe(1);

    expect((await queued()).map((row) => row.recordId)).toEqual([first.id, third.id]);
  });

  it('keeps its notes sealed at rest', async () => {
    await openTablet();
    await store.cases.registerCase(sampleIntake());
    await acknowledgeAll();
    await inbox.beginRecheck();
    const stored = (await store.reportSource.raw.table('meta').get('restoreRecheck')) as
      Record<string, unknown> | undefined;
    expect(stored).toBeDefined();
    expect(stored!.value).toBeUndefined();
    expect(stored!.sealed).toBeInstanceOf(Uint8Array);
  });

  it('does not re-offer a conflict the pull never brought: only headquarters makes them', async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    await acknowledgeAll();
    const conflict = keptConflict(store, saved.id, {
      field: 'riskLevel',
      value: 'low',
      stamp: theirs(1),
      winningStamp: theirs(2),
    });
    await pullConflicts(store, [conflict]);
    // Resolved on this tablet, and acknowledged before the restore.
    const resolution = { value: 'kept', stamp: store.clock.now() };
    await inbox.storePage([held('conflict', conflict.id, saved.id, { resolution })], '1');
    expect((await store.db.conflicts.get(conflict.id))!.fields.resolution).toEqual(resolution);

    await inbox.beginRecheck();
    await inbox.storePage(
      [held('case', saved.id, saved.id, await fieldsOf('case', saved.id))],
      '1',
    );
    expect(await inbox.finishRecheck()).toBe(0);
  });

  it("is dropped when the tablet now follows another centre's log", async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    await acknowledgeAll();
    await inbox.beginRecheck();
    await saveSession(store.db, sessionFromSignIn(sampleSignInResponse()));

    await inbox.storePage([held('case', saved.id, saved.id, {})], '1');
    expect(await inbox.finishRecheck()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });
});
