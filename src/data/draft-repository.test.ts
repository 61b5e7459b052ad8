import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './case-store.testing.ts';

let store: TestStore;
afterEach(() => store?.db.close());

describe('DraftStore', () => {
  it('keeps a draft across closing and reopening the database', async () => {
    store = await openTestStore();
    await store.drafts.saveDraft({ id: 'intake-1', form: 'intake', values: { name: 'सुनीता' } });
    store = await store.reopen();
    expect(await store.drafts.loadDraft('intake-1')).toEqual({
      id: 'intake-1',
      form: 'intake',
      values: { name: 'सुनीता' },
      caseId: null,
      updatedAt: new Date(store.time).toISOString(),
    });
  });

  it('overwrites on every save, lists newest first by form, and discards', async () => {
    store = await openTestStore();
    await store.drafts.saveDraft({ id: 'a', form: 'intake', values: 1 });
    store.time += 1_000;
    await store.drafts.saveDraft({ id: 'b', form: 'intake', values: 2 });
    await store.drafts.saveDraft({ id: 'c', form: 'note', values: 3, caseId: 'x' });
    store.time += 1_000;
    await store.drafts.saveDraft({ id: 'a', form: 'intake', values: 4 });

    expect((await store.drafts.listDrafts('intake')).map((d) => [d.id, d.values])).toEqual([
      ['a', 4],
      ['b', 2],
    ]);
    expect(await store.drafts.listDrafts()).toHaveLength(3);
    await store.drafts.discardDraft('a');
    expect(await store.drafts.loadDraft('a')).toBeNull();
    expect(await store.db.outbox.count()).toBe(0);
  });
});
