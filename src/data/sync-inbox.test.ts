import { afterEach, describe, expect, it } from 'vitest';
import { buildNewCase, type Case } from '../domain/case.ts';
import { formatStamp, parseStamp } from '../domain/hlc.ts';
import type { FieldMap } from '../domain/merge.ts';
import type { PulledRecord, RecordType } from '../domain/protocol.ts';
import { openTestStore, sampleIntake, type TestStore } from './case-store.testing.ts';
import { openSyncInbox } from './sync-inbox.ts';
import type { SyncInbox } from './sync-store-ports.ts';
import { openServerTimeStore, readSyncCounts } from './sync-state.ts';

let store: TestStore;
let inbox: SyncInbox;
afterEach(() => store?.db.close());

const otherDevice = '0190a000-0000-7000-8000-0000000000d2';
const start = Date.parse('2026-03-10T05:00:00.000Z');
let idCount = 0;
const newId = () => `0190a000-0000-7000-8000-${String(++idCount).padStart(12, '0')}`;

/** A stamp from the other tablet, `afterMs` after the start. */
const theirs = (afterMs: number) =>
  formatStamp({ wallMs: start + afterMs, counter: 0, deviceId: otherDevice });

function stamped(values: Readonly<Record<string, unknown>>, stamp: string): FieldMap {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, stamp }]),
  );
}

function pulled(
  recordType: RecordType,
  id: string,
  caseId: string,
  values: Readonly<Record<string, unknown>>,
  stamp: string,
): PulledRecord {
  return { recordType, id, caseId, centreId: store.staff.centreId, fields: stamped(values, stamp) };
}

function pulledCase(overrides: Partial<Case>, stamp: string, id = newId()): PulledRecord {
  const values = buildNewCase({
    id,
    centreId: store.staff.centreId,
    caseNumber: 'LKO-2026-AB-0007',
    registeredAt: new Date(start).toISOString(),
    registeredBy: store.staff.userId,
    arrivalRoute: 'helpline_181',
    survivorName: 'सुनीता देवी',
    ...overrides,
  });
  return pulled('case', id, id, { ...values, ...overrides }, stamp);
}

function pulledStay(caseId: string, stamp: string, id = newId()): PulledRecord {
  return pulled(
    'stay',
    id,
    caseId,
    {
      id,
      caseId,
      centreId: store.staff.centreId,
      recordedAt: new Date(start).toISOString(),
      recordedBy: store.staff.userId,
      deleted: false,
      admittedAt: new Date(start).toISOString(),
      plannedDischargeDate: '2026-03-14',
      extendedUntil: null,
      extensionReason: null,
      dischargedAt: null,
      dischargedTo: null,
    },
    stamp,
  );
}

async function openTablet() {
  store = await openTestStore({ time: start });
  inbox = openSyncInbox({ db: store.db, clock: store.clock });
}

describe('storePage', () => {
  it('stores a pulled case so it is listed and found by name, and saves the cursor', async () => {
    await openTablet();
    const record = pulledCase({ survivorPhone: '9876543210' }, theirs(1_000));
    await inbox.storePage([record], '17');

    const found = await store.cases.searchCases('sunita');
    expect(found.map((c) => c.id)).toEqual([record.id]);
    expect((await store.cases.searchCases('3210')).map((c) => c.id)).toEqual([record.id]);
    expect(await inbox.readCursor()).toBe('17');
    // Nothing pulled goes back up.
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('a pulled stay sets the case in stay, in the list and in "today", as a local save would', async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const stay = pulledStay(saved.id, theirs(60_000));
    await inbox.storePage([stay], '2');

    const [summary] = await store.cases.searchCases('', { isInStay: true });
    expect(summary).toMatchObject({ id: saved.id, isInStay: true, stayEndsOn: '2026-03-14' });
    const file = await store.cases.getCaseFile(saved.id);
    expect(file?.entries.map((e) => e.entryType)).toEqual(['stay']);
    expect((await store.cases.today('2026-03-14')).staysEnding).toHaveLength(1);
  });

  it('derives the columns of a case whose entries arrived on an earlier page', async () => {
    await openTablet();
    const caseId = newId();
    await inbox.storePage([pulledStay(caseId, theirs(2_000))], '1');
    expect(await store.db.cases.count()).toBe(0);

    await inbox.storePage([pulledCase({ status: 'in_stay' }, theirs(3_000), caseId)], '2');

    const row = await store.db.cases.get(caseId);
    expect(row).toMatchObject({ status: 'in_stay', isInStay: 1, stayEndsOn: '2026-03-14' });
  });

  it('never lets an older pulled value replace a newer local one, and the local write still goes up', async () => {
    await openTablet();
    store.time = start + 10_000;
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    await store.cases.updateCase(saved.id, { riskLevel: 'high' });
    const pending = await store.db.outbox.count();

    // The other tablet changed risk earlier (older stamp) and the name later (newer stamp).
    const older = { ...pulledCase({}, theirs(1), saved.id) };
    older.fields = {
      riskLevel: { value: 'low', stamp: theirs(5_000) },
      survivorName: { value: 'सुनीता देवी', stamp: theirs(3_600_000) },
    };
    await inbox.storePage([older], '9');

    const row = await store.db.cases.get(saved.id);
    expect(row!.fields.riskLevel!.value).toBe('high');
    expect(row!.riskLevel).toBe('high');
    expect(row!.fields.survivorName!.value).toBe('सुनीता देवी');
    expect(row!.fields.caseNumber!.value).toBe(saved.caseNumber);
    expect(await store.db.outbox.count()).toBe(pending);
  });

  it('writes neither records nor cursor when the write fails mid-page', async () => {
    await openTablet();
    await inbox.storePage([pulledCase({}, theirs(1))], '1');
    const caseId = newId();
    const page = [
      pulledCase({ survivorName: 'रीना' }, theirs(2), caseId),
      pulledStay(caseId, theirs(3)),
      pulledStay(caseId, theirs(4)),
    ];
    let entriesWritten = 0;
    store.db.entries.hook('creating', () => {
      if (++entriesWritten === 2) throw new Error('disk went away');
    });
    const before = {
      cases: await store.db.cases.toArray(),
      clock: await store.db.meta.get('clock'),
    };

    await expect(inbox.storePage(page, '2')).rejects.toMatchObject({
      code: 'storage_unavailable',
    });

    expect(await store.db.cases.toArray()).toEqual(before.cases);
    expect(await store.db.entries.count()).toBe(0);
    expect(await store.db.meta.get('clock')).toEqual(before.clock);
    expect(await inbox.readCursor()).toBe('1');
  });

  it('keeps pulled conflicts in their own table, merged like any record', async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const id = newId();
    const conflict = {
      id,
      caseId: saved.id,
      centreId: store.staff.centreId,
      recordType: 'case',
      recordId: saved.id,
      field: 'riskLevel',
      loser: 'incoming',
      value: 'low',
      stamp: theirs(1_000),
      winningStamp: theirs(2_000),
      deviceId: otherDevice,
      writtenBy: null,
      detectedAt: new Date(start).toISOString(),
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
    };
    await inbox.storePage(
      [pulled('conflict', id, saved.id, conflict, 'abc000000-0000-server')],
      '3',
    );
    expect(await store.db.conflicts.get(id)).toMatchObject({
      caseId: saved.id,
      recordId: saved.id,
      field: 'riskLevel',
      isOpen: 1,
    });
    expect(await readSyncCounts(store.db)).toMatchObject({ openConflicts: 1 });

    const resolved = pulled(
      'conflict',
      id,
      saved.id,
      { resolution: 'kept' },
      'abc000001-0000-server',
    );
    await inbox.storePage([resolved], '4');
    expect(await store.db.conflicts.get(id)).toMatchObject({ field: 'riskLevel', isOpen: 0 });
    expect(await readSyncCounts(store.db)).toMatchObject({ openConflicts: 0 });
    expect(await store.db.cases.get(saved.id)).toMatchObject({ riskLevel: null });
  });

  it('moves the clock past every pulled stamp, so the next local save orders after them', async () => {
    await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    // The other tablet's clock ran an hour ahead of this one.
    const ahead = theirs(3_600_000);
    await inbox.storePage([pulledCase({}, ahead)], '5');
    expect((await store.db.meta.get('serverStampFloor'))?.value).toBe(ahead);

    store = await store.reopen();
    await store.cases.updateCase(saved.id, { riskLevel: 'medium' });
    const stamp = (await store.db.cases.get(saved.id))!.fields.riskLevel!.stamp;
    expect(stamp > ahead).toBe(true);
    expect(parseStamp(stamp).wallMs).toBe(start + 3_600_000);
  });
});

describe('adoptServerTime', () => {
  it('keeps the offset from the server, across a restart', async () => {
    await openTablet();
    await openServerTimeStore(store.db, store.clock).adoptServerTime(start - 86_400_000);
    store = await store.reopen();
    expect(store.clock.snapshot().offsetMs).toBe(-86_400_000);
  });
});
