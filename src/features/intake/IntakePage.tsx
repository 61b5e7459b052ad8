import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { navigate, paths } from '../../shell/router.ts';
import { useStores } from '../../shell/stores.ts';
import { useUnsavedInput } from '../../shell/unsaved-input.ts';
import { StoreError } from '../../data/case-store.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { StepIndicator } from '../../ui/StepIndicator.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { firstInvalidControl, useFocusOnRequest } from '../../ui/focus-on-request.ts';
import {
  emptyCaseDetails,
  hasAnyInput,
  type CaseDetailsValues,
} from '../../forms/case-details-values.ts';
import {
  ConsentFields,
  IncidentFields,
  MinorNotice,
  RiskFields,
} from '../../forms/DetailFields.tsx';
import { SurvivorFields } from '../../forms/SurvivorFields.tsx';
import { ArrivalFields } from '../../forms/ArrivalFields.tsx';
import {
  checkIntake,
  errorsForStep,
  minorStepsFor,
  stepsFor,
  toCaseIntake,
  type IntakeStep,
} from './intake-form.ts';
import { ReviewStep, type Duplicates } from './ReviewStep.tsx';
import {
  intakeDraftId,
  useLoadIntakeDraft,
  useSaveIntakeDraft,
  type IntakeDraftState,
} from './use-intake-draft.ts';

export function IntakePage() {
  const { draftStore } = useStores();
  const t = useMessages(intakeMessages);
  const loaded = useLoadIntakeDraft(draftStore);
  if (loaded.state === 'loading') return <p class="loading">…</p>;
  return (
    <section class="page page-intake">
      <h2>{t.title}</h2>
      <IntakeForm initial={loaded.initial} restoredAt={loaded.restoredAt} />
    </section>
  );
}

function IntakeForm({
  initial,
  restoredAt,
}: {
  readonly initial: IntakeDraftState;
  readonly restoredAt: string | null;
}) {
  const { caseStore, draftStore, staff } = useStores();
  const t = useMessages(intakeMessages);
  const lang = useLang();
  const [form, setForm] = useState<IntakeDraftState>(initial);
  const [shownErrorSteps, setShownErrorSteps] = useState<ReadonlySet<IntakeStep>>(new Set());
  const [isRestored, setRestored] = useState(restoredAt !== null && hasAnyInput(initial.values));
  const [saveState, setSaveState] = useState<
    { state: 'idle' } | { state: 'saving' } | { state: 'failed'; reason: string }
  >({ state: 'idle' });
  const [duplicates, setDuplicates] = useState<Duplicates>({ state: 'checking' });
  // When she moves to another step or starts over, the new step's heading gets focus, so the
  // keyboard (and a screen reader) starts at the top of the step, not on the button.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusOnRequest(() => headingRef.current);
  // When she tries to go on with something to fix, the first such field gets focus
  // (declared after the heading's, so it wins when both ask at once).
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstToFix = useFocusOnRequest(() => firstInvalidControl(formRef.current));

  const { values, step } = form;
  const now = new Date();
  const steps = stepsFor(values, now);
  const minorSteps = minorStepsFor(values, now);
  const currentStep = steps.includes(step) ? step : 'survivor';
  const allErrors = useMemo(() => checkIntake(values, new Date(), lang), [values, lang]);
  const hasInput = hasAnyInput(values);
  useUnsavedInput(hasInput && saveState.state !== 'saving');
  const draft = useSaveIntakeDraft(draftStore, form, saveState.state !== 'saving', hasInput);

  // Before the final save: earlier cases that may be hers (same phone, a name that sounds the same).
  useEffect(() => {
    if (currentStep !== 'review') return;
    let isCurrent = true;
    setDuplicates({ state: 'checking' });
    const intake = toCaseIntake(values, staff);
    caseStore
      .findPossibleDuplicates({
        survivorName: intake.survivorName,
        survivorPhone: intake.survivorPhone,
      })
      .then(
        (cases) => isCurrent && setDuplicates({ state: 'done', cases }),
        () => isCurrent && setDuplicates({ state: 'done', cases: [] }),
      );
    return () => {
      isCurrent = false;
    };
  }, [currentStep, caseStore, staff, values]);

  const set = <F extends keyof CaseDetailsValues>(field: F, value: CaseDetailsValues[F]) =>
    setForm((previous) => ({ ...previous, values: { ...previous.values, [field]: value } }));
  const goTo = (next: IntakeStep) => {
    setForm((previous) => ({ ...previous, step: next }));
    focusHeading();
  };
  const index = steps.indexOf(currentStep);
  const stepErrors = shownErrorSteps.has(currentStep) ? errorsForStep(allErrors, currentStep) : {};

  const goNext = () => {
    const problems = errorsForStep(allErrors, currentStep);
    if (Object.keys(problems).length > 0) {
      setShownErrorSteps(new Set([...shownErrorSteps, currentStep]));
      focusFirstToFix();
      return;
    }
    const next = steps[index + 1];
    if (next) goTo(next);
  };

  const stepsWithErrors = steps.filter(
    (candidate) => Object.keys(errorsForStep(allErrors, candidate)).length > 0,
  );
  const stepLabel: Record<IntakeStep, string> = {
    arrival: t.stepArrival,
    survivor: t.stepSurvivor,
    minor: t.stepMinor,
    incident: t.stepIncident,
    consent: t.stepConsent,
    risk: t.stepRisk,
    review: t.stepReview,
  };

  const save = async () => {
    if (stepsWithErrors.length > 0) {
      setShownErrorSteps(new Set(stepsWithErrors));
      const first = stepsWithErrors[0];
      if (first) goTo(first);
      focusFirstToFix();
      return;
    }
    setSaveState({ state: 'saving' });
    try {
      const saved = await caseStore.registerCase(toCaseIntake(values, staff));
      draft.stop();
      await draftStore.discardDraft(intakeDraftId).catch(() => undefined);
      navigate(paths.caseFile(saved.id), { replace: true });
    } catch (error) {
      const reason =
        error instanceof StoreError
          ? error.userMessage[lang]
          : error instanceof Error
            ? error.message
            : String(error);
      setSaveState({ state: 'failed', reason });
    }
  };

  const startOver = () => {
    setForm({ values: emptyCaseDetails, step: 'arrival' });
    setShownErrorSteps(new Set());
    setRestored(false);
    focusHeading();
    void draftStore.discardDraft(intakeDraftId).catch(() => undefined);
  };

  const hasDuplicates = duplicates.state === 'done' && duplicates.cases.length > 0;
  const stepProps = { values, errors: stepErrors, set };

  return (
    <form
      ref={formRef}
      class="intake-form"
      noValidate
      onKeyDown={submitOnEnterInList}
      onSubmit={(event) => {
        event.preventDefault();
        if (currentStep === 'review') void save();
        else goNext();
      }}
    >
      {isRestored && restoredAt ? (
        <Banner
          tone="info"
          testId="draft-restored"
          action={
            <ConfirmButton
              label={t.startOver}
              question={t.startOverConfirm}
              confirmLabel={t.startOver}
              onConfirm={startOver}
              testId="start-over"
            />
          }
        >
          {fill(t.draftRestored, {
            time: formatDateTime(restoredAt, lang),
          })}
        </Banner>
      ) : null}
      {draft.failure ? (
        <Banner tone="danger">{fill(t.draftSaveFailed, { reason: draft.failure })}</Banner>
      ) : null}
      <StepIndicator
        steps={steps.map((key) => ({ key, label: stepLabel[key] }))}
        currentKey={currentStep}
        onSelect={(key) => goTo(key as IntakeStep)}
      />
      <h3 class="step-title" data-testid="step-title" tabIndex={-1} ref={headingRef}>
        {stepLabel[currentStep]}
      </h3>
      {Object.keys(stepErrors).length > 0 ? <Banner tone="danger">{t.fixBeforeNext}</Banner> : null}
      {currentStep === 'arrival' ? <ArrivalFields {...stepProps} /> : null}
      {currentStep === 'survivor' ? <SurvivorFields {...stepProps} /> : null}
      {currentStep === 'minor' ? <MinorNotice steps={minorSteps} /> : null}
      {currentStep === 'incident' ? <IncidentFields {...stepProps} /> : null}
      {currentStep === 'consent' ? (
        <ConsentFields {...stepProps} isMinor={minorSteps.length > 0} />
      ) : null}
      {currentStep === 'risk' ? <RiskFields {...stepProps} /> : null}
      {currentStep === 'review' ? (
        <ReviewStep
          values={values}
          isMinor={minorSteps.length > 0}
          duplicates={duplicates}
          stepLabels={stepLabel}
          onChangeStep={goTo}
        />
      ) : null}
      {currentStep === 'review' && stepsWithErrors.length > 0 && shownErrorSteps.size > 0 ? (
        <Banner tone="danger">
          {fill(t.fixProblems, { steps: stepsWithErrors.map((key) => stepLabel[key]).join(', ') })}
        </Banner>
      ) : null}
      {saveState.state === 'failed' ? (
        <Banner tone="danger" testId="intake-save-failed">
          {fill(t.saveFailed, { reason: saveState.reason })}
        </Banner>
      ) : null}
      <div class="form-actions">
        {index > 0 ? (
          <Button onClick={() => goTo(steps[index - 1] ?? 'arrival')} testId="intake-back">
            {t.back}
          </Button>
        ) : null}
        <span class="header-spacer" />
        {currentStep === 'review' ? (
          <Button
            type="submit"
            variant="primary"
            disabled={saveState.state === 'saving' || duplicates.state === 'checking'}
            testId="intake-save"
          >
            {hasDuplicates ? t.saveAsNewCase : t.saveCase}
          </Button>
        ) : (
          <Button type="submit" variant="primary" testId="intake-next">
            {t.next}
          </Button>
        )}
      </div>
    </form>
  );
}

/**
 * Enter goes on from a closed list too, as it does from a text box: the browser submits a
 * form on Enter in an input but not in a select, and intake's required answers are lists.
 */
function submitOnEnterInList(event: KeyboardEvent): void {
  const target = event.target;
  if (event.key !== 'Enter' || !(target instanceof HTMLSelectElement)) return;
  event.preventDefault();
  target.form?.requestSubmit();
}
