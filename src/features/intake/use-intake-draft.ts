// The half-filled intake form, saved as a draft on every change (a little debounced) and
// brought back when the page opens again: a closed tab or a dead battery loses nothing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftStore } from '../../data/case-store.ts';
import {
  emptyCaseDetails,
  restoreCaseDetails,
  type CaseDetailsValues,
} from '../../forms/case-details-values.ts';
import type { IntakeStep } from './intake-form.ts';

export const intakeDraftId = 'intake-new';
export const intakeDraftForm = 'intake';
// Long enough to write once per burst of typing, short enough that a tab closed mid-word keeps the word.
export const draftDelayMs = 300;

export interface IntakeDraftState {
  readonly values: CaseDetailsValues;
  readonly step: IntakeStep;
}

type Loaded =
  | { readonly state: 'loading' }
  | {
      readonly state: 'ready';
      readonly initial: IntakeDraftState;
      readonly restoredAt: string | null;
    };

export function useLoadIntakeDraft(draftStore: DraftStore): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    const fresh = { values: emptyCaseDetails, step: 'arrival' as IntakeStep };
    draftStore.loadDraft(intakeDraftId).then(
      (draft) => {
        if (!isCurrent) return;
        if (!draft) return setLoaded({ state: 'ready', initial: fresh, restoredAt: null });
        const saved = draft.values as { values?: unknown; step?: unknown } | null;
        const step = typeof saved?.step === 'string' ? (saved.step as IntakeStep) : 'arrival';
        setLoaded({
          state: 'ready',
          initial: { values: restoreCaseDetails(saved?.values), step },
          restoredAt: draft.updatedAt,
        });
      },
      () => isCurrent && setLoaded({ state: 'ready', initial: fresh, restoredAt: null }),
    );
    return () => {
      isCurrent = false;
    };
  }, [draftStore]);
  return loaded;
}

/**
 * Saves `state` a moment after it last changed, and at once when the page is hidden or the
 * form closes (a tab closed mid-word keeps the word); reports a failed save so she knows.
 */
export function useSaveIntakeDraft(
  draftStore: DraftStore,
  state: IntakeDraftState,
  isActive: boolean,
  hasInput: boolean,
): { readonly failure: string | null; readonly stop: () => void } {
  const [failure, setFailure] = useState<string | null>(null);
  const pending = useRef<IntakeDraftState | null>(null);
  const isFirstRun = useRef(true);
  const isStopped = useRef(false);

  const flush = useRef(() => {});
  flush.current = () => {
    const toSave = pending.current;
    if (!toSave) return;
    pending.current = null;
    draftStore
      .saveDraft({ id: intakeDraftId, form: intakeDraftForm, values: toSave, caseId: null })
      .then(
        () => setFailure(null),
        (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
      );
  };

  useEffect(() => {
    // The state just loaded is what the store already holds.
    if (isFirstRun.current) {
      isFirstRun.current = false;
      return;
    }
    if (!isActive || !hasInput || isStopped.current) {
      pending.current = null;
      return;
    }
    pending.current = state;
    const timer = setTimeout(() => flush.current(), draftDelayMs);
    return () => clearTimeout(timer);
  }, [state, isActive, hasInput]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush.current();
    };
    const onPageHide = () => flush.current();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      flush.current();
    };
  }, []);
  // After the case is saved, nothing may write the draft back.
  const stop = () => {
    isStopped.current = true;
    pending.current = null;
  };
  return { failure, stop };
}
