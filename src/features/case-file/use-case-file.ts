import { useStores } from '../../shell/stores.ts';
import { useLiveValue } from '../../shell/use-live-value.ts';
import { StoreError, type CaseFile } from '../../data/case-store.ts';
import type { Lang } from '../../i18n/lang.ts';

export type LoadedCaseFile =
  | { readonly state: 'loading' }
  | { readonly state: 'missing' }
  | { readonly state: 'failed'; readonly reason: string }
  | { readonly state: 'open'; readonly file: CaseFile };

/**
 * The case and its entries as the store holds them now: a save here, another tab's save,
 * a pulled page or a conflict's resolution shows at once (CaseStore.watch). Forms keep
 * their own answers, so an update never overwrites what she is typing. `notYetSent`: the
 * case has changes saved here that headquarters has not yet acknowledged.
 */
export function useCaseFile(
  caseId: string,
  lang: Lang,
): { readonly loaded: LoadedCaseFile; readonly notYetSent: boolean } {
  const { caseStore } = useStores();
  const live = useLiveValue(async () => {
    const [file, notYetSent] = await Promise.all([
      caseStore.getCaseFile(caseId),
      caseStore.hasChangesNotYetSent(caseId),
    ]);
    return { file, notYetSent };
  }, [caseId]);
  if (live.state === 'loading') return { loaded: { state: 'loading' }, notYetSent: false };
  if (live.state === 'failed') {
    return { loaded: { state: 'failed', reason: errorText(live.error, lang) }, notYetSent: false };
  }
  const { file, notYetSent } = live.value;
  return {
    loaded: file && !file.case.deleted ? { state: 'open', file } : { state: 'missing' },
    notYetSent,
  };
}

/**
 * What to tell her when a save or read failed: the store's own words in her language,
 * alone. Its details (field names, zod's findings in English, ids) are for a developer
 * reading the error, not for a counsellor reading Hindi.
 */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof StoreError) return error.userMessage[lang];
  return error instanceof Error ? error.message : String(error);
}
