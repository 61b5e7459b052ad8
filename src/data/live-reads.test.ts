import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestStore, sampleIntake, type TestStore } from './case-store.testing.ts';
import { pulledNewCase, storePulledPage } from './pulled-records.testing.ts';

const stores: TestStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.db.close();
});

async function openTablet(name?: string): Promise<TestStore> {
  const store = await openTestStore(name ? { name } : {});
  stores.push(store);
  return store;
}

/** Every answer `read` gave, as the store changed under it. */
function follow<T>(store: TestStore, read: () => Promise<T>) {
  const answers: T[] = [];
  const errors: unknown[] = [];
  const stop = store.cases.watch(read, {
    next: (value) => answers.push(value),
    error: (error) => errors.push(error),
  });
  return { answers, errors, stop, last: () => answers.at(-1) };
}

describe('CaseStore.watch', () => {
  it('follows a case file: a save to the case or a new entry shows without asking again', async () => {
    const store = await openTablet();
    const saved = await store.cases.registerCase(sampleIntake({ survivorPhone: '9000000001' }));
    const file = follow(store, () => store.cases.getCaseFile(saved.id));
    await vi.waitFor(() => expect(file.last()?.case.survivorPhone).toBe('9000000001'));

    await store.cases.updateCase(saved.id, { survivorPhone: '9000000002' });
    await vi.waitFor(() => expect(file.last()?.case.survivorPhone).toBe('9000000002'));

    await store.cases.addEntry(saved.id, 'note', { text: 'बात हुई' });
    await vi.waitFor(() => expect(file.last()?.entries).toHaveLength(1));
    expect(file.errors).toEqual([]);
    file.stop();
  });

  it('follows the case list when a pulled page stores cases (the list reads the directory, not IndexedDB)', async () => {
    const store = await openTablet();
    const list = follow(store, () => store.cases.searchCases(''));
    await vi.waitFor(() => expect(list.last()).toEqual([]));

    await storePulledPage(store, [
      pulledNewCase(store, '0190a000-0000-7000-8000-000000000101'),
      pulledNewCase(store, '0190a000-0000-7000-8000-000000000102', { survivorName: 'Kamla' }),
    ]);
    await vi.waitFor(() =>
      expect(list.last()?.map((c) => c.survivorName)).toEqual(['Kamla', 'सुनीता देवी']),
    );
    list.stop();
  });

  it("follows another tab's save: its case reaches this tab's list and search", async () => {
    const here = await openTablet();
    const otherTab = await openTablet(here.db.name);
    const found = follow(here, () => here.cases.searchCases('zebun'));
    await vi.waitFor(() => expect(found.last()).toEqual([]));

    const saved = await otherTab.cases.registerCase(sampleIntake({ survivorName: 'Zebunnisa' }));
    await vi.waitFor(() => expect(found.last()?.map((c) => c.id)).toEqual([saved.id]));

    await otherTab.cases.removeCase(saved.id);
    await vi.waitFor(() => expect(found.last()).toEqual([]));
    found.stop();
  });

  it('says which cases have changes not yet at headquarters, and follows the outbox', async () => {
    const store = await openTablet();
    const saved = await store.cases.registerCase(sampleIntake());
    const waiting = follow(store, () => store.cases.hasChangesNotYetSent(saved.id));
    await vi.waitFor(() => expect(waiting.last()).toBe(true));
    expect([...(await store.cases.listCasesNotYetSent())]).toEqual([saved.id]);

    await store.db.outbox.clear();
    await vi.waitFor(() => expect(waiting.last()).toBe(false));
    expect(await store.cases.listCasesNotYetSent()).toEqual(new Set());
    waiting.stop();
  });

  it('never calls the observer after the unsubscribe', async () => {
    const store = await openTablet();
    const list = follow(store, () => store.cases.searchCases(''));
    await vi.waitFor(() => expect(list.answers).toHaveLength(1));
    list.stop();
    await store.cases.registerCase(sampleIntake());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(list.answers).toHaveLength(1);
  });
});
