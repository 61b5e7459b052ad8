import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { expectedStepsForMinor } from '../../domain/case-rules.ts';
import type { Case } from '../../domain/case.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { Banner } from '../../ui/Banner.tsx';
import {
  caseDetailsValuesOf,
  checkCaseDetails,
  toCaseDetails,
  type CaseDetailsValues,
} from '../../forms/case-details-values.ts';
import {
  ConsentFields,
  IncidentFields,
  MinorNotice,
  RiskFields,
} from '../../forms/DetailFields.tsx';
import { SurvivorFields } from '../../forms/SurvivorFields.tsx';
import { formatDate, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { firstInvalidControl, useFocusOnRequest } from '../../ui/focus-on-request.ts';
import {
  changedCaseDetails,
  followStoredDetails,
  whyDetailsLocked,
  withConsentTime,
} from './case-details-edit.ts';
import { ActionForm, hasErrors } from './form-parts.tsx';
import { DetailsLockedNotice } from './DetailsLockedNotice.tsx';
import { useActionSave } from './use-action-form.ts';

/**
 * Correcting who she is, what happened, what she agreed to and her risk, with intake's own
 * fields and checks. Nothing is saved until every check passes; only what she changed is.
 *
 * A correction that makes her a girl under 18 is not refused: intake registers girls too,
 * it tells staff what the law expects (POCSO report, Child Welfare Committee referral) and
 * requires consent from a parent, guardian or the CWC (the domain's consent rule). So does
 * this form: the same notice, the same consent rule blocking the save until it is met, and
 * after saving the case page lists the steps still missing.
 */
export function CaseDetailsForm({
  caseFile,
  onDone,
}: {
  readonly caseFile: Case;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const save = useActionSave(onDone);
  // What the form showed her: her save sends only the fields she changed from it.
  const [shown, setShown] = useState(() => caseDetailsValuesOf(caseFile));
  const [stamp] = useState(() => toLocalDateTimeInput(new Date()));
  const [values, setValues] = useState<CaseDetailsValues>(shown);
  // The page follows the store: a pulled change shows in the fields she has not touched.
  const followedCase = useRef(caseFile);
  useEffect(() => {
    if (followedCase.current === caseFile) return;
    followedCase.current = caseFile;
    const next = followStoredDetails(shown, values, caseDetailsValuesOf(caseFile));
    setShown(next.shown);
    setValues(next.typed);
  }, [caseFile, shown, values]);
  const [isTimeSetByHer, setTimeSetByHer] = useState(false);
  const [isChecked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [lock, setLock] = useState<ReturnType<typeof whyDetailsLocked>>(null);
  // When she tries to save with something to fix, the first such field gets focus.
  const groupsRef = useRef<HTMLDivElement>(null);
  const focusFirstToFix = useFocusOnRequest(() => firstInvalidControl(groupsRef.current));

  const errors = useMemo(
    () => checkCaseDetails(values, caseFile, new Date(), lang),
    [values, caseFile, lang],
  );
  const shownErrors = isChecked ? errors : {};
  const minorSteps = expectedStepsForMinor({ ...caseFile, ...toCaseDetails(values) });
  const isNewlyMinor = minorSteps.length > 0 && expectedStepsForMinor(caseFile).length === 0;

  const set = <F extends keyof CaseDetailsValues>(field: F, value: CaseDetailsValues[F]) => {
    const isHerTime = field === 'consentRecordedAt' && value !== stamp;
    if (isHerTime) setTimeSetByHer(true);
    setNotice(null);
    setValues((previous) =>
      withConsentTime(shown, { ...previous, [field]: value }, stamp, isTimeSetByHer || isHerTime),
    );
  };

  const submit = async () => {
    setChecked(true);
    setNotice(null);
    if (hasErrors(errors)) {
      focusFirstToFix();
      return;
    }
    const changes = changedCaseDetails(caseFile, shown, values);
    if (Object.keys(changes).length === 0) {
      setNotice(t.detailsNothingChanged);
      return;
    }
    // Read again just before saving: a sync may have closed or removed the case meanwhile.
    await save.saveThenClose(async () => {
      const current = await caseStore.getCaseFile(caseFile.id);
      const found = current ? whyDetailsLocked(current.case, staff) : 'removed';
      setLock(found);
      if (found !== null) return 'keep-open';
      await caseStore.updateCase(caseFile.id, changes);
    });
  };

  const props = { values, errors: shownErrors, set };
  return (
    <ActionForm
      title={t.detailsTitle}
      testId="details-form"
      onSubmit={() => void submit()}
      {...save.form}
      isSaving={save.form.isSaving || lock !== null}
      failure={save.form.failure ? `${save.form.failure} ${t.detailsTypedKept}` : null}
    >
      <div class="form-wide" ref={groupsRef}>
        {isChecked && hasErrors(errors) ? <Banner tone="danger">{t.detailsFix}</Banner> : null}
        {isNewlyMinor ? <MinorNotice steps={minorSteps} intro={t.detailsMinorIntro} /> : null}
        <fieldset class="details-group">
          <legend>{t.detailsSurvivor}</legend>
          <p class="muted">
            {fill(t.detailsAgeAtRegistration, {
              date: formatDate(indiaDateOf(caseFile.registeredAt), lang),
            })}
          </p>
          <SurvivorFields {...props} />
        </fieldset>
        <fieldset class="details-group">
          <legend>{t.detailsIncident}</legend>
          <IncidentFields {...props} />
        </fieldset>
        <fieldset class="details-group">
          <legend>{t.detailsConsent}</legend>
          <ConsentFields {...props} isMinor={minorSteps.length > 0} />
        </fieldset>
        <fieldset class="details-group">
          <legend>{t.detailsRisk}</legend>
          <RiskFields {...props} />
        </fieldset>
        {notice ? (
          <p class="muted" role="status" data-testid="details-notice">
            {notice}
          </p>
        ) : null}
        {lock ? <DetailsLockedNotice lock={lock} /> : null}
      </div>
    </ActionForm>
  );
}
