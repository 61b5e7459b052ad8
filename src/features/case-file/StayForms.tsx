import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import type { Case } from '../../domain/case.ts';
import type { DischargeDestination } from '../../domain/code-schemas.ts';
import type { StayEntry } from '../../domain/entries.ts';
import { checkStayRules, stayDaysAllowed } from '../../domain/entry-rules.ts';
import { addDays, indiaDateOf } from '../../domain/india-time.ts';
import { dischargeDestinations } from '../../domain/vocabularies-entries.ts';
import { stayProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang, type Lang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import {
  formatDate,
  fromLocalDateTimeInput,
  isCalendarDateInput,
  toLocalDateTimeInput,
} from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { ActionForm, hasErrors, textOrNull, type Errors } from './form-parts.tsx';
import { useActionSave } from './use-case-file.ts';

type StayField = keyof StayEntry;

/** The domain's stay rules, as messages under the fields they concern. */
function stayRuleErrors(stay: StayEntry, lang: Lang): Errors<StayField> {
  const errors: Errors<StayField> = {};
  for (const problem of checkStayRules(stay))
    errors[problem.field] ??= labelOf(stayProblems, problem.code, lang);
  return errors;
}

const placeholderId = '00000000-0000-7000-8000-000000000000';

function draftStay(
  c: Case,
  fields: Partial<StayEntry> & Pick<StayEntry, 'admittedAt' | 'plannedDischargeDate'>,
): StayEntry {
  return {
    id: placeholderId,
    caseId: c.id,
    centreId: c.centreId,
    recordedAt: new Date().toISOString(),
    recordedBy: placeholderId,
    deleted: false,
    extendedUntil: null,
    extensionReason: null,
    dischargedAt: null,
    dischargedTo: null,
    ...fields,
  };
}

/** Admission to the short stay: discharge planned within 5 days, or a reason for longer. */
export function AdmitForm({
  caseFile,
  onDone,
}: {
  readonly caseFile: Case;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const save = useActionSave(onDone);
  const [admittedAt, setAdmittedAt] = useState(() => toLocalDateTimeInput(new Date()));
  const [planned, setPlanned] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<StayField>>({});
  const admittedInstant = fromLocalDateTimeInput(admittedAt);
  const limit = admittedInstant ? addDays(indiaDateOf(admittedInstant), stayDaysAllowed) : null;
  const isBeyondLimit = limit !== null && isCalendarDateInput(planned) && planned > limit;

  const submit = async () => {
    const found: Errors<StayField> = {
      admittedAt: admittedInstant === null ? t.errorDateTime : undefined,
      plannedDischargeDate: !isCalendarDateInput(planned) ? t.errorDate : undefined,
    };
    if (!hasErrors(found) && admittedInstant) {
      Object.assign(
        found,
        stayRuleErrors(
          draftStay(caseFile, {
            admittedAt: admittedInstant,
            plannedDischargeDate: planned,
            extensionReason: textOrNull(reason),
          }),
          lang,
        ),
      );
    }
    setErrors(found);
    if (hasErrors(found) || !admittedInstant) return;
    await save.saveThenClose(async () => {
      await caseStore.addEntry(caseFile.id, 'stay', {
        admittedAt: admittedInstant,
        plannedDischargeDate: planned,
        extendedUntil: null,
        extensionReason: textOrNull(reason),
        dischargedAt: null,
        dischargedTo: null,
      });
    });
  };

  return (
    <ActionForm
      title={t.actionStay}
      testId="stay-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <TextField
        name="admittedAt"
        type="datetime-local"
        label={t.admittedAt}
        isRequired
        value={admittedAt}
        error={errors.admittedAt}
        onInput={setAdmittedAt}
      />
      <TextField
        name="plannedDischargeDate"
        type="date"
        label={t.plannedDischargeDate}
        isRequired
        hint={limit ? fill(t.plannedDischargeHint, { limit: formatDate(limit, lang) }) : null}
        value={planned}
        error={errors.plannedDischargeDate}
        onInput={setPlanned}
      />
      {isBeyondLimit || errors.extensionReason ? (
        <div class="form-wide">
          <TextAreaField
            name="extensionReason"
            rows={3}
            label={t.extensionReason}
            isRequired
            value={reason}
            error={errors.extensionReason}
            onInput={setReason}
          />
        </div>
      ) : null}
    </ActionForm>
  );
}

/** A longer stay than planned: a later date and the reason for it. */
export function ExtendStayForm({
  stay,
  onDone,
}: {
  readonly stay: StayEntry;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const save = useActionSave(onDone);
  const [until, setUntil] = useState(stay.extendedUntil ?? '');
  const [reason, setReason] = useState(stay.extensionReason ?? '');
  const [errors, setErrors] = useState<Errors<StayField>>({});

  const submit = async () => {
    const found: Errors<StayField> = isCalendarDateInput(until)
      ? stayRuleErrors({ ...stay, extendedUntil: until, extensionReason: textOrNull(reason) }, lang)
      : { extendedUntil: t.errorDate };
    setErrors(found);
    if (hasErrors(found)) return;
    await save.saveThenClose(async () => {
      await caseStore.updateEntry('stay', stay.id, {
        extendedUntil: until,
        extensionReason: textOrNull(reason),
      });
    });
  };

  return (
    <ActionForm title={t.extend} testId="extend-form" onSubmit={() => void submit()} {...save.form}>
      <TextField
        name="extendedUntil"
        type="date"
        label={t.extendedUntil}
        isRequired
        min={stay.plannedDischargeDate}
        value={until}
        error={errors.extendedUntil}
        onInput={setUntil}
      />
      <div class="form-wide">
        <TextAreaField
          name="extensionReason"
          rows={3}
          label={t.extensionReason}
          isRequired
          value={reason}
          error={errors.extensionReason}
          onInput={setReason}
        />
      </div>
    </ActionForm>
  );
}

export function DischargeForm({
  stay,
  onDone,
}: {
  readonly stay: StayEntry;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const save = useActionSave(onDone);
  const [dischargedAt, setDischargedAt] = useState(() => toLocalDateTimeInput(new Date()));
  const [dischargedTo, setDischargedTo] = useState<DischargeDestination | ''>('');
  const [errors, setErrors] = useState<Errors<StayField>>({});

  const submit = async () => {
    const at = fromLocalDateTimeInput(dischargedAt);
    const found: Errors<StayField> =
      at === null
        ? { dischargedAt: t.errorDateTime }
        : stayRuleErrors(
            { ...stay, dischargedAt: at, dischargedTo: dischargedTo === '' ? null : dischargedTo },
            lang,
          );
    setErrors(found);
    if (hasErrors(found) || at === null || dischargedTo === '') return;
    await save.saveThenClose(async () => {
      await caseStore.updateEntry('stay', stay.id, { dischargedAt: at, dischargedTo });
    });
  };

  return (
    <ActionForm
      title={t.discharge}
      testId="discharge-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <TextField
        name="dischargedAt"
        type="datetime-local"
        label={t.dischargedAt}
        isRequired
        value={dischargedAt}
        error={errors.dischargedAt}
        onInput={setDischargedAt}
      />
      <VocabularySelect
        name="dischargedTo"
        label={t.dischargedTo}
        isRequired
        vocabulary={dischargeDestinations}
        value={dischargedTo}
        error={errors.dischargedTo}
        onChange={setDischargedTo}
      />
    </ActionForm>
  );
}
