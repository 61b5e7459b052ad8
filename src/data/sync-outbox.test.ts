import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { buildNewCase } from '../domain/case.ts';
import { formatStamp, parseStamp } from '../domain/hlc.ts';
import type { FieldMap } from '../domain/merge.ts';
import type { PulledRecord } from '../domain/protocol.ts';
import { openTestStore, sampleIntake, type TestStore } from './case-store.testing.ts';
import { openSyncInbox } from './sync-inbox.ts';
import { SakhiDatabase } from './database.ts';
import { rawRows } from './legacy-sealing.ts';
import { openSyncOutbox, type SyncOutboxStore } from './sync-outbox.ts';
import { openServerTimeStore, readServerStampFloor, readSyncCounts } from './sync-state.ts';

let store: TestStore;
afterEach(() => store?.db.close());

const reason = { hi: 'यह जानकारी सही नहीं है।', en: 'This detail is not valid.' };
const otherDevice = '0190a000-0000-7000-8000-0000000000d2';

async function tabletWithCases(count: number, time?: number) {
  store = await openTestStore(time === undefined ? {} : { time });
  const outbox = openSyncOutbox({
    db: store.db,
    clock: store.clock,
    now: () => new Date(store.time),
  });
  const cases = [];
  for (let i = 0; i < count; i++) {
    cases.push(await store.cases.registerCase(sampleIntake({ survivorName: `सुनीता ${i}` })));
    store.time += 1_000;
  }
  return { outbox, cases };
}

async function pendingIds(outbox: SyncOutboxStore) {
  return (await outbox.readPending(100)).map((mutation) => mutation.recordId);
}

describe('readPending and acknowledge', () => {
  it('reads in save order and removes exactly the acknowledged rows', async () => {
    const { outbox, cases } = await tabletWithCases(3);
    const pending = await outbox.readPending(100);
    expect(pending.map((mutation) => mutation.recordId)).toEqual(cases.map((c) => c.id));
    expect(await outbox.readPending(2)).toHaveLength(2);
    // Only protocol fields go up: no seq, queuedAt or rejection.
    expect(Object.keys(pending[0]!).sort()).toEqual(
      ['caseId', 'fields', 'id', 'recordId', 'recordType'].sort(),
    );

    await outbox.acknowledge([pending[1]!.id, '0190a000-0000-7000-8000-00000000ffff']);

    expect(await pendingIds(outbox)).toEqual([cases[0]!.id, cases[2]!.id]);
    expect(await store.db.cases.count()).toBe(3);
  });

  it('remembers the greatest acknowledged stamp as the server stamp floor', async () => {
    const { outbox } = await tabletWithCases(2);
    const [first, second] = await outbox.readPending(100);
    await outbox.acknowledge([first!.id]);
    const floor = await readServerStampFloor(store.db);
    expect(floor).toBe(Object.values(first!.fields)[0]!.stamp);
    expect(floor! < Object.values(second!.fields)[0]!.stamp).toBe(true);
  });
});

describe('rejected mutations', () => {
  it('are kept and explained, skipped by readPending, and come back when retried', async () => {
    const { outbox, cases } = await tabletWithCases(3);
    const [, second] = await outbox.readPending(100);
    store.time = Date.parse('2026-03-11T08:00:00.000Z');

    await outbox.markRejected([{ mutationId: second!.id, code: 'invalid_record', reason }]);

    expect(await pendingIds(outbox)).toEqual([cases[0]!.id, cases[2]!.id]);
    expect(await store.db.outbox.count()).toBe(3);
    const rejected = await outbox.listRejected();
    expect(rejected).toEqual([
      {
        seq: expect.any(Number) as number,
        mutation: second,
        code: 'invalid_record',
        reason,
        rejectedAt: '2026-03-11T08:00:00.000Z',
      },
    ]);
    expect(await readSyncCounts(store.db)).toEqual({ waiting: 2, rejected: 1, openConflicts: 0 });

    expect(await outbox.retryRejected(second!.id)).toBe(true);
    expect(await pendingIds(outbox)).toEqual(cases.map((c) => c.id));
    expect(await outbox.listRejected()).toEqual([]);
    expect(await outbox.retryRejected(second!.id)).toBe(false);
  });

  it('an entry refused as unknown_case goes back in the queue once its case is acknowledged', async () => {
    const { outbox, cases } = await tabletWithCases(1);
    await store.cases.addEntry(cases[0]!.id, 'note', { text: 'पहली बातचीत' });
    const [caseMutation, noteMutation] = await outbox.readPending(100);
    await outbox.markRejected([
      { mutationId: caseMutation!.id, code: 'invalid_record', reason },
      { mutationId: noteMutation!.id, code: 'unknown_case', reason },
    ]);
    expect(await outbox.readPending(100)).toEqual([]);

    await outbox.retryRejected(caseMutation!.id);
    await outbox.acknowledge([caseMutation!.id]);

    expect(await outbox.readPending(100)).toEqual([noteMutation]);
  });
});

describe('restampPending', () => {
  const serverTime = Date.parse('2026-03-10T05:00:00.000Z');
  // The tablet thinks it is three days later than it is.
  const tabletTime = serverTime + 3 * 24 * 3_600_000;

  function pulledCase(wallMs: number): PulledRecord {
    const id = '0190a000-0000-7000-8000-0000000000c9';
    const values = buildNewCase({
      id,
      centreId: store.staff.centreId,
      caseNumber: 'LKO-2026-AB-0001',
      registeredAt: new Date(serverTime).toISOString(),
      registeredBy: store.staff.userId,
      arrivalRoute: 'walk_in',
      survivorName: 'रीना',
    });
    const stamp = formatStamp({ wallMs, counter: 0, deviceId: otherDevice });
    const fields: FieldMap = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, { value, stamp }]),
    );
    return { recordType: 'case', id, caseId: id, centreId: store.staff.centreId, fields };
  }

  it('gives every pending mutation a fresh stamp after the greatest received, and keeps the records in step', async () => {
    const { outbox, cases } = await tabletWithCases(1, tabletTime);
    const caseId = cases[0]!.id;
    await store.cases.updateCase(caseId, { riskLevel: 'high' });
    // A stamp from another tablet, two minutes ahead of the server: within its allowance.
    const received = pulledCase(serverTime + 120_000);
    await openSyncInbox({ db: store.db, clock: store.clock }).storePage([received], '1');
    const before = await store.db.outbox.orderBy('seq').toArray();
    const rowBefore = await store.db.cases.get(caseId);
    const greatestReceived = received.fields.id!.stamp;

    // What runSync does on stamp_too_far_ahead: correct the offset, then re-stamp.
    await openServerTimeStore(store.db, store.clock).adoptServerTime(serverTime);
    await outbox.restampPending();

    const after = await store.db.outbox.orderBy('seq').toArray();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    const stampsOf = (fields: FieldMap) => [...new Set(Object.values(fields).map((f) => f.stamp))];
    const [registered, updated] = after.map((row) => stampsOf(row.fields));
    expect(registered).toHaveLength(1);
    expect(updated).toHaveLength(1);
    expect(greatestReceived < registered![0]!).toBe(true);
    expect(registered![0]! < updated![0]!).toBe(true);
    expect(parseStamp(updated![0]!).wallMs).toBeLessThan(serverTime + 5 * 60_000);
    // Bases say what the tablet had seen: unchanged.
    expect(after[1]!.fields.riskLevel!.base).toBe(before[0]!.fields.riskLevel!.stamp);
    expect(after[1]!.fields.riskLevel!.value).toBe('high');

    // The record carries exactly the stamps its pending mutations now carry.
    const row = await store.db.cases.get(caseId);
    expect(row!.fields.riskLevel).toEqual({ value: 'high', stamp: updated![0] });
    expect(row!.fields.survivorName).toEqual({ value: 'सुनीता 0', stamp: registered![0] });
    const { fields: _after, ...columnsAfter } = row!;
    const { fields: _before, ...columnsBefore } = rowBefore!;
    expect(columnsAfter).toEqual(columnsBefore);
    // The pulled case is not this tablet's write and keeps its stamps.
    expect((await store.db.cases.get(received.id))!.fields.id!.stamp).toBe(greatestReceived);

    // The next save, even after a restart, stamps after the re-stamped ones.
    store = await store.reopen();
    await store.cases.updateCase(caseId, { riskLevel: 'medium' });
    const latest = (await store.db.cases.get(caseId))!.fields.riskLevel!.stamp;
    expect(latest > updated![0]!).toBe(true);
    expect(parseStamp(latest).wallMs).toBeLessThan(serverTime + 5 * 60_000);
  });

  it('re-stamps refused rows too, and leaves a field a later save replaced alone', async () => {
    const { outbox, cases } = await tabletWithCases(1, tabletTime);
    const caseId = cases[0]!.id;
    await store.cases.updateCase(caseId, { riskLevel: 'high' });
    await store.cases.updateCase(caseId, { riskLevel: 'low' });
    const [, firstEdit] = await outbox.readPending(100);
    await outbox.markRejected([{ mutationId: firstEdit!.id, code: 'invalid_record', reason }]);

    await openServerTimeStore(store.db, store.clock).adoptServerTime(serverTime);
    await outbox.restampPending();

    const rows = await store.db.outbox.orderBy('seq').toArray();
    const stamps = rows.map((row) => Object.values(row.fields)[0]!.stamp);
    expect(stamps.every((stamp) => parseStamp(stamp).wallMs < serverTime + 60_000)).toBe(true);
    expect([...stamps].sort()).toEqual(stamps);
    expect(rows[1]!.rejection?.code).toBe('invalid_record');
    const row = await store.db.cases.get(caseId);
    expect(row!.fields.riskLevel).toEqual({ value: 'low', stamp: stamps[2] });
  });

  it('changes nothing when the write fails, and the clock stays above the stamps still stored', async () => {
    const { outbox, cases } = await tabletWithCases(1, tabletTime);
    await store.cases.updateCase(cases[0]!.id, { riskLevel: 'high' });
    const before = await store.db.outbox.orderBy('seq').toArray();
    const record = await store.db.cases.get(cases[0]!.id);
    store.db.cases.hook('updating', () => {
      throw new Error('disk went away');
    });

    await openServerTimeStore(store.db, store.clock).adoptServerTime(serverTime);
    await expect(outbox.restampPending()).rejects.toMatchObject({ code: 'storage_unavailable' });

    expect(await store.db.outbox.orderBy('seq').toArray()).toEqual(before);
    expect(await store.db.cases.get(cases[0]!.id)).toEqual(record);
    expect(store.clock.now() > record!.fields.riskLevel!.stamp).toBe(true);
  });
});

describe('a database written before sealing', () => {
  it('opens a version-1 database in place, sealed at the first unlock: its outbox is pushed and can be refused, its cases found', async () => {
    const name = `sakhi-v1-${Date.now()}`;
    const legacy = new Dexie(name);
    // Version 1 exactly as shipped (database.ts).
    legacy.version(1).stores({
      cases:
        'id, registeredAt, caseNumber, status, riskLevel, isInStay, nextFollowUpDue, stayEndsOn, *searchKeys',
      entries: 'id, caseId, [entryType+isPending]',
      outbox: '++seq, &id, caseId',
      drafts: 'id, form, updatedAt',
      meta: 'key',
    });
    const first = await openTestStore();
    const registered = await first.cases.registerCase(
      sampleIntake({ survivorName: 'Zebunnisa', survivorPhone: '9876543210' }),
    );
    const [row] = await first.db.outbox.toArray();
    const caseRow = await first.db.cases.get(registered.id);
    first.db.close();
    await legacy.table('outbox').add(row);
    await legacy.table('cases').add({ ...caseRow, searchKeys: ['n:ZBNS', 'p:9876543210'] });
    legacy.close();

    store = await openTestStore({ name });
    expect(store.db.verno).toBe(5);
    const raw = new SakhiDatabase(name, { rows: rawRows });
    const stored = JSON.stringify([await raw.outbox.toArray(), await raw.cases.toArray()]);
    raw.close();
    expect(stored).not.toMatch(/Zebunnisa|9876543210|ZBNS|searchKeys|"fields"/);
    expect((await store.cases.searchCases('zebun')).map((c) => c.id)).toEqual([registered.id]);
    const outbox = openSyncOutbox({ db: store.db, clock: store.clock });
    const [pending] = await outbox.readPending(10);
    expect(pending?.id).toBe(row!.id);
    await outbox.markRejected([{ mutationId: row!.id, code: 'forbidden', reason }]);
    expect((await outbox.listRejected()).map((r) => r.mutation.id)).toEqual([row!.id]);
    expect(await store.db.conflicts.count()).toBe(0);
  });
});
