import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import { StoreError } from '../../data/case-store.ts';
import { closureStateRules } from '../../domain/closure-write-rules.ts';
import { changedEntryFields, saveEntryCorrection } from './entry-edit.ts';

const now = '2026-03-10T05:00:00.000Z';
let close: (() => void) | undefined;
afterEach(() => close?.());

describe('changedEntryFields', () => {
  it('keeps only the fields whose value differs, a missing one read as blank', () => {
    const entry = { dueDate: '2026-03-12', mode: 'phone', notes: null } as {
      dueDate: string;
      mode: string;
      notes: string | null;
      outcome?: string | null;
    };
    expect(
      changedEntryFields(entry, {
        dueDate: '2026-03-15',
        mode: 'phone',
        notes: null,
        outcome: null,
      }),
    ).toEqual({ dueDate: '2026-03-15' });
  });
});

describe('saveEntryCorrection', () => {
  it('saves nothing when nothing changed, and refuses a closed case in the server’s words', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    close = () => store.db.close();
    const registered = await store.cases.registerCase(sampleIntake());
    const followUp = await store.cases.addEntry(registered.id, 'followUp', {
      dueDate: '2026-03-12',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    const queued = await store.db.outbox.count();
    await saveEntryCorrection(store.cases, 'followUp', followUp, { dueDate: '2026-03-12' });
    expect(await store.db.outbox.count()).toBe(queued);

    await store.cases.updateCase(registered.id, {
      closureReason: 'services_completed',
      closureRequestedBy: testStaff.manager.userId,
      closureRequestedAt: now,
    });
    await store.cases.updateCase(registered.id, {
      status: 'closed',
      closureApprovedBy: testStaff.manager.userId,
      closureApprovedAt: now,
    });
    const refused = saveEntryCorrection(store.cases, 'followUp', followUp, {
      dueDate: '2026-03-15',
    });
    await expect(refused).rejects.toBeInstanceOf(StoreError);
    await expect(refused).rejects.toMatchObject({
      userMessage: closureStateRules.closedCase.reason,
    });
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.entries[0]?.entry).toMatchObject({ dueDate: '2026-03-12' });
  });
});
