import { useCallback, useEffect, useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { StoreError, type CaseFile } from '../../data/case-store.ts';
import type { Lang } from '../../i18n/lang.ts';

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
