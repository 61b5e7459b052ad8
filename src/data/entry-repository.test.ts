import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../domain/case.ts';
import { StoreError, type EntryInput } from './case-store.ts';
import { openTestStore, sampleIntake, type TestStore } from './case-store.testing.ts';
import { laterReferralBlanks } from '../domain/entries.ts';
import { sampleService } from '../domain/entries.testing.ts';

let store: TestStore;
afterEach(() => store?.db.close());

const admitted = (admittedAt: string, plannedDischargeDate: string): EntryInput<'stay'> => ({
  admittedAt,
  plannedDischargeDate,
  extendedUntil: null,
  extensionReason: null,
  dischargedAt: null,
  dischargedTo: null,
});

const followUp = (dueDate: string): EntryInput<'followUp'> => ({
  dueDate,
  mode: 'phone',
  doneAt: null,
  outcome: null,
  notes: null,
});

async function registered(): Promise<Case> {
  store = await openTestStore({ time: Date.parse('2026-03-10T05:00:00Z') });
  return store.cases.registerCase(sampleIntake());
}

async function summaryOf(caseId: string) {
  const [summary] = (await store.cases.searchCases('')).filter((c) => c.id === caseId);
  return summary!;
}

describe('stays', () => {
  it('admitting sets in_stay; a second open stay is refused and nothing is written', async () => {
    const c = await registered();
    const stay = await store.cases.addEntry(
      c.id,
      'stay',
      admitted('2026-03-10T05:00:00Z', '2026-03-14'),
    );

    expect((await store.cases.getCaseFile(c.id))?.case.status).toBe('in_stay');
    const summary = await summaryOf(c.id);
    expect(summary).toMatchObject({ isInStay: true, stayEndsOn: '2026-03-14', status: 'in_stay' });
    const pending = await store.cases.countPendingChanges();

    const refused = await store.cases
      .addEntry(c.id, 'stay', admitted('2026-03-11T05:00:00Z', '2026-03-12'))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('stay_already_open');
    expect(await store.cases.countPendingChanges()).toBe(pending);
    expect(await store.db.entries.count()).toBe(1);

    await store.cases.updateEntry('stay', stay.id, {
      dischargedAt: '2026-03-13T05:00:00Z',
      dischargedTo: 'parents_home',
    });
    expect((await store.cases.getCaseFile(c.id))?.case.status).toBe('open');
    expect(await summaryOf(c.id)).toMatchObject({ isInStay: false, stayEndsOn: null });
  });

  it('queues the status change with the stay, in the same save', async () => {
    const c = await registered();
    await store.cases.addEntry(c.id, 'stay', admitted('2026-03-10T05:00:00Z', '2026-03-14'));
    const mutations = await store.db.outbox.orderBy('seq').toArray();
    expect(mutations.map((m) => m.recordType)).toEqual(['case', 'stay', 'case']);
    expect(mutations[2]!.fields.status).toMatchObject({ value: 'in_stay' });
    expect(mutations[2]!.fields.status!.base).toBe(mutations[0]!.fields.status!.stamp);
    expect(mutations[1]!.caseId).toBe(c.id);
  });

  it('leaves a closed case closed, and reopens when the stay is removed', async () => {
    const c = await registered();
    const stay = await store.cases.addEntry(
      c.id,
      'stay',
      admitted('2026-03-10T05:00:00Z', '2026-03-14'),
    );
    await store.cases.removeEntry('stay', stay.id);
    expect((await store.cases.getCaseFile(c.id))?.case.status).toBe('open');
    expect((await store.cases.getCaseFile(c.id))?.entries).toEqual([]);
    expect((await store.db.entries.get(stay.id))?.fields.deleted?.value).toBe(true);
  });

  it('flags a stay past its end as overdue', async () => {
    const c = await registered();
    await store.cases.addEntry(c.id, 'stay', admitted('2026-03-10T05:00:00Z', '2026-03-12'));
    store.time = Date.parse('2026-03-13T05:00:00Z');
    expect((await summaryOf(c.id)).isStayOverdue).toBe(true);
    const today = await store.cases.today('2026-03-13');
    expect(today.staysEnding.map((s) => s.summary.id)).toEqual([c.id]);
  });
});

describe('follow-ups, referrals and today', () => {
  it('keeps the next follow-up and waiting referrals on the case row', async () => {
    const c = await registered();
    await store.cases.addEntry(c.id, 'followUp', followUp('2026-03-20'));
    const early = await store.cases.addEntry(c.id, 'followUp', followUp('2026-03-09'));
    await store.cases.addEntry(c.id, 'referral', {
      agency: 'dlsa',
      agencyName: null,
      ...laterReferralBlanks,
      status: 'sent',
      referredAt: '2026-03-10T05:00:00Z',
      contactPerson: null,
      notes: null,
      outcome: null,
    });

    expect(await summaryOf(c.id)).toMatchObject({
      nextFollowUpDue: '2026-03-09',
      isFollowUpOverdue: true,
      waitingReferrals: 1,
    });
    expect(
      (await store.cases.searchCases('', { isFollowUpOverdue: true })).map((s) => s.id),
    ).toEqual([c.id]);

    await store.cases.updateEntry('followUp', early.id, { doneAt: '2026-03-10T06:00:00Z' });
    expect(await summaryOf(c.id)).toMatchObject({
      nextFollowUpDue: '2026-03-20',
      isFollowUpOverdue: false,
    });
    const today = await store.cases.today('2026-03-20');
    expect(today.followUpsDue.map((f) => f.followUp.dueDate)).toEqual(['2026-03-20']);
    expect(today.followUpsOverdue).toEqual([]);
    expect(today.referralsWaiting).toHaveLength(1);
  });

  it('refuses an invalid entry and an entry for a missing case', async () => {
    const c = await registered();
    const bad = await store.cases
      .addEntry(c.id, 'followUp', { ...followUp('2026-13-45') })
      .catch((error: unknown) => error as StoreError);
    expect((bad as StoreError).code).toBe('invalid_record');
    const missing = await store.cases
      .addEntry('0190a000-0000-7000-8000-000000000999', 'note', { text: 'x' })
      .catch((error: unknown) => error as StoreError);
    expect((missing as StoreError).code).toBe('not_found');
    expect(await store.db.entries.count()).toBe(0);
  });
});

describe('getCaseFile', () => {
  it('lists entries oldest first by when they happened', async () => {
    const c = await registered();
    await store.cases.addEntry(c.id, 'note', { text: 'बाद में' });
    await store.cases.addEntry(
      c.id,
      'service',
      sampleService({ givenAt: '2026-03-09T05:00:00Z', durationMinutes: 30 }),
    );
    const file = await store.cases.getCaseFile(c.id);
    expect(file?.entries.map((e) => e.entryType)).toEqual(['service', 'note']);
    expect(await store.cases.getCaseFile('0190a000-0000-7000-8000-000000000999')).toBeNull();
  });
});
