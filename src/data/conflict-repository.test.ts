import { afterEach, describe, expect, it, vi } from 'vitest';
import { valuesOf } from '../domain/merge.ts';
import { openTestStore, sampleIntake, testStaff, type TestStore } from './case-store.testing.ts';
import {
  closureClash,
  keptConflict,
  otherDevice,
  otherTabletStamp,
  pullConflicts,
} from './conflicts.testing.ts';
import { mayReinstate } from './conflict-repository.ts';
import { openSyncReviewStore, type SyncReviewStore } from './sync-review.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

async function managerTablet(): Promise<{ store: TestStore; review: SyncReviewStore }> {
  const store = await openTestStore({ staff: testStaff.manager });
  const review = openSyncReviewStore({
    db: store.db,
    directory: store.directory,
    staff: store.staff,
    device: store.device,
    clock: store.clock,
    now: () => new Date(store.time),
  });
  return { store, review };
}

async function openConflictIds(store: TestStore): Promise<string[]> {
  return (await store.db.conflicts.where('isOpen').equals(1).toArray()).map((row) => row.id);
}

describe('conflicts of one write', () => {
  it('list as one group: her case, each field with the value that lost and the current one', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    const conflicts = await closureClash(store, saved.id);
    await pullConflicts(store, conflicts);

    const groups = await review.listOpenConflictGroups();
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group).toMatchObject({
      caseId: saved.id,
      caseNumber: saved.caseNumber,
      survivorName: 'सुनीता',
      recordType: 'case',
      writtenByName: null,
      writer: { kind: 'otherTablet', deviceTag: '00D2' },
    });
    expect(
      group!.conflicts.map(({ field, value, currentValue }) => [field, value, currentValue]),
    ).toEqual([
      ['closureReason', 'survivor_withdrew', 'services_completed'],
      ['closureRequestedBy', testStaff.caseworker.userId, testStaff.manager.userId],
      ['closureRequestedAt', '2026-03-10T03:00:00.000Z', new Date(store.time).toISOString()],
    ]);
    // Per-conflict listing still works, one row per field.
    expect(await review.listOpenConflicts()).toHaveLength(3);
  });

  it('keeps apart a different write on the same case, and names the writer when headquarters did', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    const closure = await closureClash(store, saved.id, { writtenByName: 'रीना यादव' });
    const risk = keptConflict(store, saved.id, {
      field: 'riskLevel',
      value: 'high',
      stamp: otherTabletStamp(store),
      winningStamp: (await store.db.cases.get(saved.id))!.fields.riskLevel!.stamp,
      detectedAt: '2026-03-10T04:30:00.000Z',
      writtenBy: testStaff.manager.userId,
    });
    await pullConflicts(store, [...closure, risk]);

    const groups = await review.listOpenConflictGroups();
    expect(groups.map((group) => group.conflicts.map((c) => c.field))).toEqual([
      ['riskLevel'],
      ['closureReason', 'closureRequestedBy', 'closureRequestedAt'],
    ]);
    expect(groups.map((group) => group.writer)).toEqual([
      { kind: 'you' },
      { kind: 'named', name: 'रीना यादव' },
    ]);
  });

  it('reinstating answers all of them in one save: the values back as one write, each conflict resolved', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const conflicts = await closureClash(store, saved.id);
    await pullConflicts(store, conflicts);
    const outboxBefore = await store.db.outbox.count();

    await review.resolveConflictGroup(
      conflicts.map((c) => c.id),
      'reinstated',
    );

    const file = await store.cases.getCaseFile(saved.id);
    expect(file?.case).toMatchObject({
      closureReason: 'survivor_withdrew',
      closureRequestedBy: testStaff.caseworker.userId,
      closureRequestedAt: '2026-03-10T03:00:00.000Z',
    });
    expect(await openConflictIds(store)).toEqual([]);
    for (const conflict of conflicts) {
      const row = await store.db.conflicts.get(conflict.id);
      expect(valuesOf(row!.fields)).toMatchObject({
        resolution: 'reinstated',
        resolvedBy: testStaff.manager.userId,
        resolvedAt: new Date(store.time).toISOString(),
      });
    }
    const queued = (await store.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((m) => [m.recordType, m.recordId, Object.keys(m.fields)])).toEqual([
      ['case', saved.id, ['closureReason', 'closureRequestedBy', 'closureRequestedAt']],
      ...conflicts.map((c) => ['conflict', c.id, ['resolution', 'resolvedBy', 'resolvedAt']]),
    ]);
    const caseStamps = new Set(Object.values(queued[0]!.fields).map((field) => field.stamp));
    expect(caseStamps.size).toBe(1);
  });

  it('keeping the current values resolves all of them and leaves the case as it is', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const conflicts = await closureClash(store, saved.id);
    await pullConflicts(store, conflicts);
    const outboxBefore = await store.db.outbox.count();

    await review.resolveConflictGroup(
      conflicts.map((c) => c.id),
      'kept',
    );

    expect((await store.cases.getCaseFile(saved.id))?.case.closureReason).toBe(
      'services_completed',
    );
    expect(await openConflictIds(store)).toEqual([]);
    const queued = (await store.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((m) => m.recordType)).toEqual(['conflict', 'conflict', 'conflict']);
  });

  it('a transaction that fails part-way resolves none of them and writes nothing', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const conflicts = await closureClash(store, saved.id);
    await pullConflicts(store, conflicts);
    const outboxBefore = await store.db.outbox.count();
    const put = store.db.conflicts.put.bind(store.db.conflicts);
    let puts = 0;
    // The case is written back and two conflicts resolved before the third one fails.
    vi.spyOn(store.db.conflicts, 'put').mockImplementation((row, key) => {
      if (++puts === 3) throw new Error('disk full');
      return put(row, key);
    });

    await expect(
      review.resolveConflictGroup(
        conflicts.map((c) => c.id),
        'reinstated',
      ),
    ).rejects.toThrow();

    expect(puts).toBe(3);
    expect((await openConflictIds(store)).sort()).toEqual(conflicts.map((c) => c.id).sort());
    expect((await store.cases.getCaseFile(saved.id))?.case.closureReason).toBe(
      'services_completed',
    );
    expect(await store.db.outbox.count()).toBe(outboxBefore);
  });

  it('refuses, writing nothing, conflicts of different writes, one already resolved, or a non-manager', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    const closure = await closureClash(store, saved.id);
    const risk = keptConflict(store, saved.id, {
      field: 'riskLevel',
      value: 'high',
      stamp: otherTabletStamp(store),
      winningStamp: (await store.db.cases.get(saved.id))!.fields.riskLevel!.stamp,
    });
    await pullConflicts(store, [...closure, risk]);
    const outboxBefore = await store.db.outbox.count();

    await expect(
      review.resolveConflictGroup([closure[0]!.id, risk.id], 'kept'),
    ).rejects.toMatchObject({ code: 'invalid_record' });
    await expect(review.resolveConflictGroup([], 'kept')).rejects.toMatchObject({
      code: 'invalid_record',
    });

    await review.resolveConflict(closure[0]!.id, 'kept');
    await expect(
      review.resolveConflictGroup(
        closure.map((c) => c.id),
        'kept',
      ),
    ).rejects.toMatchObject({ code: 'not_found' });

    const caseworker = openSyncReviewStore({
      db: store.db,
      directory: store.directory,
      staff: testStaff.caseworker,
      device: store.device,
      clock: store.clock,
    });
    await expect(caseworker.resolveConflictGroup([risk.id], 'kept')).rejects.toMatchObject({
      code: 'invalid_record',
    });

    expect((await openConflictIds(store)).sort()).toEqual(
      [closure[1]!.id, closure[2]!.id, risk.id].sort(),
    );
    // Only the single resolution went up.
    expect(await store.db.outbox.count()).toBe(outboxBefore + 1);
  });

  it("offers no reinstating of another manager's closure approval, and refuses it", async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    const winningStamp = (await store.db.cases.get(saved.id))!.fields.riskLevel!.stamp;
    const stamp = otherTabletStamp(store);
    const otherManager = '0190a000-0000-7000-8000-0000000000e1';
    const approval = [
      keptConflict(store, saved.id, { field: 'status', value: 'closed', stamp, winningStamp }),
      keptConflict(store, saved.id, {
        field: 'closureApprovedBy',
        value: otherManager,
        stamp,
        winningStamp,
      }),
    ];
    const risk = keptConflict(store, saved.id, {
      field: 'riskLevel',
      value: 'high',
      stamp: otherTabletStamp(store),
      winningStamp,
    });
    await pullConflicts(store, [...approval, risk]);
    const manager = testStaff.manager;
    expect(mayReinstate(manager, { recordType: 'case', conflicts: approval })).toBe(false);
    expect(mayReinstate(manager, { recordType: 'case', conflicts: [risk] })).toBe(true);
    const outboxBefore = await store.db.outbox.count();
    await expect(
      review.resolveConflictGroup(
        approval.map((c) => c.id),
        'reinstated',
      ),
    ).rejects.toMatchObject({ code: 'invalid_record' });
    expect(await store.db.outbox.count()).toBe(outboxBefore);
    expect((await store.cases.getCaseFile(saved.id))?.case.closureApprovedBy).toBeNull();
  });

  it('reinstates an entry’s field, and lists it with the entry’s current value', async () => {
    const { store, review } = await managerTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const note = await store.cases.addEntry(saved.id, 'note', { text: 'पहली बात' });
    const entryRow = await store.db.entries.get(note.id);
    const conflict = keptConflict(store, saved.id, {
      recordType: 'note',
      recordId: note.id,
      field: 'text',
      value: 'दूसरे टैबलेट की बात',
      stamp: otherTabletStamp(store),
      winningStamp: entryRow!.fields.text!.stamp,
      deviceId: otherDevice,
    });
    await pullConflicts(store, [conflict]);

    const [group] = await review.listOpenConflictGroups();
    expect(group!.conflicts[0]).toMatchObject({
      value: 'दूसरे टैबलेट की बात',
      currentValue: 'पहली बात',
    });
    await review.resolveConflictGroup([conflict.id], 'reinstated');
    expect(valuesOf((await store.db.entries.get(note.id))!.fields).text).toBe('दूसरे टैबलेट की बात');
    expect(await openConflictIds(store)).toEqual([]);
  });
});
