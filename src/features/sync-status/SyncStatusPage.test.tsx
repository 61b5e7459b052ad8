import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import type { TestStore } from '../../data/case-store.testing.ts';
import {
  closureClash,
  keptConflict,
  otherDevice,
  otherTabletStamp,
  pullConflicts,
} from '../../data/conflicts.testing.ts';
import { openSyncOutbox } from '../../data/sync-outbox.ts';
import type { Conflict } from '../../domain/conflicts.ts';
import { valuesOf } from '../../domain/merge.ts';
import { closureReasons, riskLevels } from '../../domain/vocabularies-case.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { formatDateTime } from '../../ui/datetime.ts';
import { SyncStatusPage } from './SyncStatusPage.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const t = syncStatusMessages.hi;
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Headquarters kept her other tablet's risk level as the losing value of a conflict. */
async function pullConflict(store: TestStore, caseId: string, overrides: Partial<Conflict> = {}) {
  const conflict = keptConflict(store, caseId, {
    field: 'riskLevel',
    value: 'high',
    stamp: otherTabletStamp(store),
    winningStamp: (await store.db.cases.get(caseId))!.fields.riskLevel!.stamp,
    ...overrides,
  });
  await pullConflicts(store, [conflict]);
  return conflict;
}

describe('sync status page', () => {
  it('starts a sync at once on Sync now, and offline says sync will run by itself', async () => {
    const store = await openTestStore();
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    const onRequestSync = vi.fn();
    await renderScreen(<SyncStatusPage onRequestSync={onRequestSync} />, { store });
    fireEvent.click(await screen.findByTestId('sync-now'));
    expect(onRequestSync).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('sync-now-started').textContent).toBe(t.syncNowStarted);

    onLine.mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    expect((await screen.findByTestId('sync-now-offline')).textContent).toBe(t.syncNowOffline);
    const button = screen.getByTestId<HTMLButtonElement>('sync-now');
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(onRequestSync).toHaveBeenCalledTimes(1);
  });

  it('lists a refused change with its reason and time, and sends it again on Retry', async () => {
    const store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    const outbox = openSyncOutbox({ db: store.db, clock: store.clock });
    const [pending] = await outbox.readPending(10);
    await outbox.markRejected([
      {
        mutationId: pending!.id,
        code: 'unknown_case',
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
    expect((await outbox.readPending(10)).map((mutation) => mutation.id)).toEqual([pending!.id]);
  });

  it('shows a manager the conflict, and reinstating writes the losing value back through the outbox', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    const { id: conflictId } = await pullConflict(store, saved.id);
    const outboxBefore = await store.db.outbox.count();

    const onRequestSync = vi.fn();
    await renderScreen(<SyncStatusPage onRequestSync={onRequestSync} />, { store });
    const conflict = await screen.findByTestId('open-conflict');
    expect(conflict.textContent).toContain(saved.caseNumber);
    expect(conflict.textContent).toContain(intakeMessages.hi.riskLevel);
    expect(screen.getByTestId('conflict-value').textContent).toBe(
      labelOf(riskLevels, 'high', 'hi'),
    );
    expect(screen.getByTestId('conflict-current').textContent).toBe(
      labelOf(riskLevels, 'low', 'hi'),
    );
    expect(conflict.textContent).not.toContain(otherDevice);

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
    const { id: conflictId } = await pullConflict(store, saved.id);
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
    const { id: conflictId } = await pullConflict(store, saved.id);
    const { stores } = await renderScreen(<p />, { store });
    const review = await stores.openSyncReview();
    await expect(review.resolveConflict(conflictId, 'kept')).rejects.toThrow();
    await waitFor(async () => expect((await store.db.conflicts.get(conflictId))?.isOpen).toBe(1));
  });

  it('shows the three conflicts of one closure request as one card, labelled, with her case', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    await pullConflicts(store, await closureClash(store, saved.id));

    const { renderIn } = await renderScreen(<SyncStatusPage onRequestSync={() => {}} />, {
      store,
    });
    const card = await screen.findByTestId('open-conflict');
    expect(screen.getAllByTestId('open-conflict')).toHaveLength(1);
    expect(within(card).getByRole('heading', { level: 4 }).textContent).toBe(
      `मामला ${saved.caseNumber} · सुनीता`,
    );
    expect(within(card).getByTestId('conflict-case-link').getAttribute('href')).toBe(
      `/cases/${saved.id}`,
    );
    const rows = within(card).getAllByTestId('conflict-field');
    expect(rows.map((row) => row.querySelector('th')?.textContent)).toEqual([
      caseFileMessages.hi.closureReason,
      t.fieldClosureRequestedBy,
      t.fieldClosureRequestedAt,
    ]);
    expect(within(rows[0]!).getByTestId('conflict-value').textContent).toBe(
      labelOf(closureReasons, 'survivor_withdrew', 'hi'),
    );
    expect(within(rows[0]!).getByTestId('conflict-current').textContent).toBe(
      labelOf(closureReasons, 'services_completed', 'hi'),
    );
    expect(within(rows[1]!).getByTestId('conflict-value').textContent).toBe(t.valueOtherStaff);
    expect(within(rows[1]!).getByTestId('conflict-current').textContent).toBe(t.valueYou);
    expect(within(rows[2]!).getByTestId('conflict-value').textContent).toBe(
      formatDateTime('2026-03-10T03:00:00.000Z', 'hi'),
    );
    expect(within(card).getByTestId('conflict-when').textContent).toBe(
      fill(t.conflictWhen, { time: formatDateTime('2026-03-10T04:00:00.000Z', 'hi') }),
    );
    expect(within(card).getByRole('button', { name: t.reinstateMany })).toBeTruthy();
    expect(card.textContent).not.toMatch(uuidPattern);

    renderIn('en');
    const en = syncStatusMessages.en;
    await screen.findByText(en.fieldClosureRequestedBy);
    expect(screen.getByTestId('conflict-case').textContent).toBe(
      `Case ${saved.caseNumber} · सुनीता`,
    );
    expect(screen.getByTestId('conflict-who').textContent).toBe(
      fill(en.conflictWho, { who: fill(en.writerOtherTablet, { tag: '00D2' }) }),
    );
    expect(screen.getByRole('button', { name: en.keepCurrentMany })).toBeTruthy();
  });

  it('resolving the card resolves all three, each synced like any save', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake());
    const conflicts = await closureClash(store, saved.id);
    await pullConflicts(store, conflicts);
    const outboxBefore = await store.db.outbox.count();

    const onRequestSync = vi.fn();
    await renderScreen(<SyncStatusPage onRequestSync={onRequestSync} />, { store });
    fireEvent.click(await screen.findByTestId('conflict-reinstate'));
    await screen.findByTestId('no-conflicts');

    expect(onRequestSync).toHaveBeenCalledTimes(1);
    expect((await store.cases.getCaseFile(saved.id))?.case).toMatchObject({
      closureReason: 'survivor_withdrew',
      closureRequestedBy: testStaff.caseworker.userId,
      closureRequestedAt: '2026-03-10T03:00:00.000Z',
    });
    for (const conflict of conflicts) {
      const row = await store.db.conflicts.get(conflict.id);
      expect(row!.isOpen).toBe(0);
      expect(valuesOf(row!.fields).resolution).toBe('reinstated');
    }
    const queued = (await store.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((mutation) => [mutation.recordType, mutation.recordId])).toEqual([
      ['case', saved.id],
      ...conflicts.map((conflict) => ['conflict', conflict.id]),
    ]);
  });

  it('names the writer when headquarters sent her name', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake());
    await pullConflicts(store, await closureClash(store, saved.id, { writtenByName: 'रीना यादव' }));

    await renderScreen(<SyncStatusPage onRequestSync={() => {}} />, { store });
    const who = await screen.findByTestId('conflict-who');
    expect(who.textContent).toBe(fill(t.conflictWho, { who: 'रीना यादव' }));
  });

  it('without a name, says "you" or "another tablet" with a short tag, never an id', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake({ riskLevel: 'low' }));
    await pullConflicts(store, await closureClash(store, saved.id));
    await pullConflict(store, saved.id, {
      writtenBy: testStaff.manager.userId,
      detectedAt: '2026-03-10T04:30:00.000Z',
    });

    await renderScreen(<SyncStatusPage onRequestSync={() => {}} />, { store });
    await waitFor(() => expect(screen.getAllByTestId('open-conflict')).toHaveLength(2));
    expect(screen.getAllByTestId('conflict-who').map((who) => who.textContent)).toEqual([
      fill(t.conflictWho, { who: t.writerYou }),
      fill(t.conflictWho, { who: fill(t.writerOtherTablet, { tag: '00D2' }) }),
    ]);
    expect(screen.getByTestId('sync-status-page').textContent).not.toMatch(uuidPattern);
  });

  it('a save that fails part-way leaves all three unresolved and says so', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const saved = await store.cases.registerCase(sampleIntake());
    const conflicts = await closureClash(store, saved.id);
    await pullConflicts(store, conflicts);
    const outboxBefore = await store.db.outbox.count();
    const put = store.db.conflicts.put.bind(store.db.conflicts);
    let puts = 0;
    vi.spyOn(store.db.conflicts, 'put').mockImplementation((row, key) => {
      if (++puts === 3) throw new Error('disk full');
      return put(row, key);
    });

    const onRequestSync = vi.fn();
    await renderScreen(<SyncStatusPage onRequestSync={onRequestSync} />, { store });
    fireEvent.click(await screen.findByTestId('conflict-reinstate'));
    expect((await screen.findByRole('alert')).textContent).toBe(t.actionFailed);

    expect(puts).toBe(3);
    expect(onRequestSync).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(
        within(screen.getByTestId('open-conflict')).getAllByTestId('conflict-field'),
      ).toHaveLength(3),
    );
    for (const conflict of conflicts) {
      expect((await store.db.conflicts.get(conflict.id))?.isOpen).toBe(1);
    }
    expect((await store.cases.getCaseFile(saved.id))?.case.closureReason).toBe(
      'services_completed',
    );
    expect(await store.db.outbox.count()).toBe(outboxBefore);
  });

  it('names a refused note in the staff words, explains it and offers no "Send again" where it cannot help', async () => {
    const store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake({ survivorName: 'सुनीता' }));
    await store.cases.addEntry(saved.id, 'note', { text: 'बात हुई' });
    const outbox = openSyncOutbox({ db: store.db, clock: store.clock });
    const [, note] = await outbox.readPending(10);
    await outbox.markRejected([
      {
        mutationId: note!.id,
        code: 'forbidden',
        reason: { hi: 'यह मामला बंद है', en: 'This case is closed' },
      },
    ]);

    await renderScreen(<SyncStatusPage onRequestSync={vi.fn()} />, { store, lang: 'en' });
    const change = await screen.findByTestId('rejected-change');
    const en = syncStatusMessages.en;
    expect(change.textContent).toContain(`Case ${saved.caseNumber} · सुनीता`);
    expect(within(change).getByTestId('rejected-what').textContent).toBe(
      fill(en.changeAdded, { record: caseFileMessages.en.entryNote }),
    );
    expect(within(change).getByTestId('rejected-advice').textContent).toBe(en.adviceAskManager);
    for (const internal of ['caseId', 'centreId', 'recordedAt', 'text, id']) {
      expect(change.textContent).not.toContain(internal);
    }
    expect(within(change).queryByTestId('retry-rejected')).toBeNull();
    expect(within(change).getByTestId('rejected-open-case').getAttribute('href')).toContain(
      saved.id,
    );
  });

  it('follows the outbox: a change refused while the page is open shows without leaving it', async () => {
    const store = await openTestStore();
    await store.cases.registerCase(sampleIntake());
    await renderScreen(<SyncStatusPage onRequestSync={vi.fn()} />, { store, lang: 'en' });
    await screen.findByTestId('no-rejected');

    const outbox = openSyncOutbox({ db: store.db, clock: store.clock });
    const [pending] = await outbox.readPending(10);
    await outbox.markRejected([
      {
        mutationId: pending!.id,
        code: 'invalid_record',
        reason: { hi: 'उम्र सही नहीं है', en: 'The age is not valid' },
      },
    ]);
    const change = await screen.findByTestId('rejected-change');
    expect(within(change).getByTestId('rejected-what').textContent).toBe(
      syncStatusMessages.en.changeCaseAdded,
    );
    expect(within(change).getByTestId('rejected-advice').textContent).toBe(
      syncStatusMessages.en.adviceCorrect,
    );
    expect(within(change).queryByTestId('retry-rejected')).toBeNull();
  });
});
