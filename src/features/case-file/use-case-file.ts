import { useCallback, useEffect, useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { StoreError, type CaseFile } from '../../data/case-store.ts';
import { useLang, type Lang } from '../../i18n/lang.ts';

export type LoadedCaseFile =
  | { readonly state: 'loading' }
  | { readonly state: 'missing' }
  | { readonly state: 'failed'; readonly reason: string }
  | { readonly state: 'open'; readonly file: CaseFile };

/** The case and its entries, read again after every save so the page shows what the store holds. */
export function useCaseFile(
  caseId: string,
  lang: Lang,
): { readonly loaded: LoadedCaseFile; readonly reload: () => Promise<void> } {
  const { caseStore } = useStores();
  const [loaded, setLoaded] = useState<LoadedCaseFile>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      const file = await caseStore.getCaseFile(caseId);
      setLoaded(file && !file.case.deleted ? { state: 'open', file } : { state: 'missing' });
    } catch (error) {
      setLoaded({ state: 'failed', reason: errorText(error, lang) });
    }
  }, [caseStore, caseId, lang]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { loaded, reload };
}

/** What to tell her when a save or read failed: the store's own words in her language. */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof StoreError) return [error.userMessage[lang], ...error.details].join(' ');
  return error instanceof Error ? error.message : String(error);
}

/** Runs one save at a time and keeps its failure to show next to the form. */
export function useSave(lang: Lang): {
  readonly isSaving: boolean;
  readonly failure: string | null;
  readonly run: (save: () => Promise<void>) => Promise<boolean>;
} {
  const [isSaving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (save: () => Promise<void>) => {
    setSaving(true);
    setFailure(null);
    try {
      await save();
      return true;
    } catch (error) {
      setFailure(errorText(error, lang));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { isSaving, failure, run };
}

/**
 * What every action form on the case page does with its save: run it (a failure stays on
 * the form, with its reason), close the form once saved, close it unsaved on cancel.
 * `form` is ActionForm's part of it.
 */
export function useActionSave(onDone: (isSaved: boolean) => void) {
  const save = useSave(useLang());
  return {
    saveThenClose: async (work: () => Promise<void>) => {
      if (await save.run(work)) onDone(true);
    },
    form: { onCancel: () => onDone(false), isSaving: save.isSaving, failure: save.failure },
  };
}
