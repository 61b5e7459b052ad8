import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { StoreError } from '../../data/case-store.ts';
import type { Case } from '../../domain/case.ts';
import { closureStateRules } from '../../domain/closure-write-rules.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { ArrivalFields } from '../../forms/ArrivalFields.tsx';
import {
  caseDetailsValuesOf,
  checkCaseDetails,
  type CaseDetailsValues,
} from '../../forms/case-details-values.ts';
import { changedCaseDetails, whyDetailsLocked } from './case-details-edit.ts';
import { ActionForm } from './form-parts.tsx';
import { useActionSave } from './use-action-form.ts';

/**
 * Changing how she came to the centre after intake, with intake's own chooser and check.
 * Saves the new route with when and by whom, so the timeline can show the change; a case
 * closed meanwhile is not changed (its details are locked).
 */
export function ArrivalRouteForm({
  caseFile,
  onDone,
}: {
  readonly caseFile: Case;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore, staff } = useStores();
  const tEdit = useMessages(entryEditMessages);
  const lang = useLang();
  const save = useActionSave(onDone);
  const [shown] = useState(() => caseDetailsValuesOf(caseFile));
  const [values, setValues] = useState<CaseDetailsValues>(shown);
  const [isChecked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const error = checkCaseDetails(values, caseFile, new Date(), lang).arrivalRoute;

  const submit = async () => {
    setChecked(true);
    if (error) return;
    const changes = changedCaseDetails(caseFile, shown, {
      ...shown,
      arrivalRoute: values.arrivalRoute,
    });
    if (Object.keys(changes).length === 0) {
      setNotice(tEdit.arrivalUnchanged);
      return;
    }
    await save.saveThenClose(async () => {
      const current = await caseStore.getCaseFile(caseFile.id);
      if (!current || whyDetailsLocked(current.case, staff) !== null) {
        throw new StoreError('invalid_record', closureStateRules.closedCase.reason);
      }
      await caseStore.updateCase(caseFile.id, {
        ...changes,
        arrivalRouteChangedAt: new Date().toISOString(),
        arrivalRouteChangedBy: staff.userId,
      });
    });
  };

  return (
    <ActionForm
      title={tEdit.changeArrival}
      testId="arrival-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <ArrivalFields
        values={values}
        errors={isChecked && error ? { arrivalRoute: error } : {}}
        set={(field, value) => {
          setNotice(null);
          setValues((previous) => ({ ...previous, [field]: value }));
        }}
      />
      {notice ? (
        <p class="muted" role="status" data-testid="arrival-notice">
          {notice}
        </p>
      ) : null}
    </ActionForm>
  );
}
