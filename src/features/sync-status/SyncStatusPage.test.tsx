import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../app/stores.testing.tsx';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import type { TestStore } from '../../data/case-store.testing.ts';
import { openSyncInbox } from '../../data/sync-inbox.ts';
import { openSyncOutbox } from '../../data/sync-outbox.ts';
import { HybridClock } from '../../domain/hlc.ts';
import { valuesOf } from '../../domain/merge.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { SyncStatusPage } from './SyncStatusPage.tsx';

afterEach(cleanup);

const t = syncStatusMessages.hi;
const otherDevice = '0190a000-0000-7000-8000-0000000000d2';
const conflictId = '0190a000-0000-7000-8000-00000000cf01';

/** Headquarters kept her other tablet's risk level as the losing value of a conflict. */
async function pullConflict(store: TestStore, caseId: string) {
  const other = new HybridClock(otherDevice, () => store.time - 60_000);
  const stamp = () => other.now();
  const conflict = {
    id: conflictId,
    caseId,
    centreId: store.staff.centreId,
    recordType: 'case',
    recordId: caseId,
    field: 'riskLevel',
    loser: 'incoming',
    value: 'high',
    stamp: other.now(),
    winningStamp: other.now(),
    deviceId: otherDevice,
    writtenBy: testStaff.caseworker.userId,
    detectedAt: '2026-03-10T04:00:00.000Z',
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
  };
  const fields = Object.fromEntries(
    Object.entries(conflict).map(([name, value]) => [name, { value, stamp: stamp() }]),
  );
  await openSyncInbox({ db: store.db, clock: store.clock }).storePage(
    [{ recordType: 'conflict', id: conflictId, caseId, centreId: store.staff.centreId, fields }],
    'cursor-1',
  );
}

describe('sync status page', () => {
  it('lists a refused change with its reason and time, and sends it again on Retry', async () => {
    const store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    const outbox = openSyncOutbox({ db: store.db, clock: store.clock });
    const [pending] = await outbox.readPending(10);
    await outbox.markRejected([
      {
        mutationId: pending!.mutation.id,
        code: 'invalid_record',
        reason: { hi: 'उम्र सही नहीं है', en: 'The age is not valid' },
      },
    ]);
    expect(await outbox.readPending(10)).toEqual([]);

    const onRequestSync = vi.fn();
    await renderScreen(<SyncStatusPage onRequestSync={onRequestSync} />, { store });
    const change = await screen.findByTestId('rejected-change');
    expect(change.textContent).toContain(saved.caseNumber);
    expect(screen.getByTestId('rejected-reason').textContent).toBe('उम्र सही नहीं है');
    // A caseworker does not resolve conflicts.
    expect(screen.queryByText(t.conflictsTitle)).toBeNull();

    fireEvent.click(screen.getByTestId('retry-rejected'));
    await screen.findByTestId('no-rejected');
    expect(onRequestSync).toHaveBeenCalledTimes(1);
    expect((await outbox.readPending(10)).map((row) => row.mutation.id)).toEqual([
      pending!.mutation.id,
    ]);
  });

  it('shows a manager the conflict, and reinstating writes the losing value back through the outbox', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    await pullConflict(store, saved.id);
    const outboxBefore = await store.db.outbox.count();

    const onRequestSync = vi.fn();
    await renderScreen(<SyncStatusPage onRequestSync={onRequestSync} />, { store });
    const conflict = await screen.findByTestId('open-conflict');
    expect(conflict.textContent).toContain(saved.caseNumber);
    expect(conflict.textContent).toContain('riskLevel');
    expect(screen.getByTestId('conflict-value').textContent).toContain('high');
    expect(conflict.textContent).toContain(otherDevice);

    fireEvent.click(screen.getByTestId('conflict-reinstate'));
    await screen.findByTestId('no-conflicts');
    expect(onRequestSync).toHaveBeenCalledTimes(1);
    const file = await store.cases.getCaseFile(saved.id);
    expect(file?.case.riskLevel).toBe('high');
    const row = await store.db.conflicts.get(conflictId);
    expect(valuesOf(row!.fields)).toMatchObject({
      resolution: 'reinstated',
      resolvedBy: testStaff.manager.userId,
    });
    expect(row!.isOpen).toBe(0);
    const queued = (await store.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((mutation) => [mutation.recordType, Object.keys(mutation.fields)])).toEqual([
      ['case', ['riskLevel']],
      ['conflict', ['resolution', 'resolvedBy', 'resolvedAt']],
    ]);
  });

  it('keeping the current value resolves the conflict and leaves the case as it is', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    await pullConflict(store, saved.id);
    const outboxBefore = await store.db.outbox.count();

    await renderScreen(<SyncStatusPage onRequestSync={() => {}} />, { store });
    fireEvent.click(await screen.findByTestId('conflict-keep'));
    await screen.findByTestId('no-conflicts');
    expect((await store.cases.getCaseFile(saved.id))?.case.riskLevel).toBe('low');
    const row = await store.db.conflicts.get(conflictId);
    expect(valuesOf(row!.fields).resolution).toBe('kept');
    const queued = (await store.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((mutation) => mutation.recordType)).toEqual(['conflict']);
  });

  it('refuses a resolution from someone who is not the manager, writing nothing', async () => {
    const store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    await pullConflict(store, saved.id);
    const { stores } = await renderScreen(<p />, { store });
    const review = await stores.openSyncReview();
    await expect(review.resolveConflict(conflictId, 'kept')).rejects.toThrow();
    await waitFor(async () => expect((await store.db.conflicts.get(conflictId))?.isOpen).toBe(1));
  });
});
