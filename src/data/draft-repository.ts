/**
 * Half-filled forms, saved on every change (DraftStore in case-store.ts). A draft is not a
 * record: it never syncs and has no outbox mutation; it becomes a case or an entry when
 * the form is saved, and is discarded then.
 */
import type { Draft, DraftStore } from './case-store.ts';
import type { SakhiDatabase } from './database.ts';
import { toStoreError } from './store-errors.ts';

export function openDraftStore(db: SakhiDatabase, now: () => Date = () => new Date()): DraftStore {
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error);
    }
  };
  return {
    saveDraft: (draft) =>
      guard(async () => {
        await db.drafts.put({
          id: draft.id,
          form: draft.form,
          values: draft.values,
          caseId: draft.caseId ?? null,
          updatedAt: now().toISOString(),
        });
      }),
    loadDraft: (id) => guard(async () => (await db.drafts.get(id)) ?? null),
    listDrafts: (form) =>
      guard(async () => {
        const drafts: Draft[] =
          form === undefined
            ? await db.drafts.toArray()
            : await db.drafts.where('form').equals(form).toArray();
        return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      }),
    discardDraft: (id) => guard(() => db.drafts.delete(id)),
  };
}
