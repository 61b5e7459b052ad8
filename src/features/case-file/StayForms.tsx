import { useStores } from '../../shell/stores.ts';
import type { Case } from '../../domain/case.ts';
import type { DischargeDestination } from '../../domain/code-schemas.ts';
import { stayEntrySchema, type StayEntry } from '../../domain/entries.ts';
import { checkStayRules, stayDaysAllowed } from '../../domain/entry-rules.ts';
import { addDays, indiaDateOf } from '../../domain/india-time.ts';
import { dischargeDestinations } from '../../domain/vocabularies-entries.ts';
import { stayProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang, type Lang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import {
  formatDate,
  fromLocalDateTimeInput,
  isCalendarDateInput,
  toLocalDateTimeInput,
} from '../../ui/datetime.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { saveEntryCorrection } from './entry-edit.ts';
import {
  ActionForm,
  codeOrNull,
  textOrNull,
  WhenField,
  type ActionProps,
  type Errors,
} from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

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

/**
 * Admission to the short stay: discharge planned within 5 days, or a reason for longer.
 * Given `stay`, the same form corrects its admission in place.
 */
export function AdmitForm({
  caseFile,
  stay = null,
  onDone,
}: ActionProps<{ caseFile: Case; stay?: StayEntry | null }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const lang = useLang();
  const { values, errors, bind, form } = useActionForm({
    initial: () => ({
      admittedAt: toLocalDateTimeInput(stay ? new Date(stay.admittedAt) : new Date()),
      plannedDischargeDate: stay?.plannedDischargeDate ?? '',
      extensionReason: stay?.extensionReason ?? '',
    }),
    check: (values) =>
      checkEntryFields(
        stayEntrySchema,
        {
          admittedAt: fromLocalDateTimeInput(values.admittedAt),
          plannedDischargeDate: values.plannedDischargeDate,
        },
        t,
        {
          rules: (checked) =>
            stayRuleErrors(
              draftStay(caseFile, {
                ...stay,
                ...checked,
                extensionReason: textOrNull(values.extensionReason),
              }),
              lang,
            ),
        },
      ),
    save: (checked, values) => {
      const fields = { ...checked, extensionReason: textOrNull(values.extensionReason) };
      if (stay) return saveEntryCorrection(caseStore, 'stay', stay, fields);
      return caseStore.addEntry(caseFile.id, 'stay', {
        ...fields,
        extendedUntil: null,
        dischargedAt: null,
        dischargedTo: null,
      });
    },
    onDone,
  });
  const admittedInstant = fromLocalDateTimeInput(values.admittedAt);
  const limit = admittedInstant ? addDays(indiaDateOf(admittedInstant), stayDaysAllowed) : null;
  const planned = values.plannedDischargeDate;
  const isBeyondLimit = limit !== null && isCalendarDateInput(planned) && planned > limit;

  return (
    <ActionForm
      title={stay ? tEdit.correctStay : t.actionStay}
      testId={stay ? 'stay-edit-form' : 'stay-form'}
      {...form}
    >
      <WhenField {...bind('admittedAt')} label={t.admittedAt} />
      <DateField
        {...bind('plannedDischargeDate')}
        type="date"
        label={t.plannedDischargeDate}
        isRequired
        hint={limit ? fill(t.plannedDischargeHint, { limit: formatDate(limit, lang) }) : null}
      />
      {isBeyondLimit || errors.extensionReason || stay?.extensionReason ? (
        <div class="form-wide">
          <TextAreaField
            {...bind('extensionReason')}
            rows={3}
            label={t.extensionReason}
            isRequired
          />
        </div>
      ) : null}
    </ActionForm>
  );
}

/** A longer stay than planned: a later date and the reason for it. */
export function ExtendStayForm({ stay, onDone }: ActionProps<{ stay: StayEntry }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const { bind, form } = useActionForm({
    initial: () => ({
      extendedUntil: stay.extendedUntil ?? '',
      extensionReason: stay.extensionReason ?? '',
    }),
    check: (values) =>
      checkEntryFields(stayEntrySchema, { extendedUntil: values.extendedUntil }, t, {
        required: ['extendedUntil'],
        rules: (checked) =>
          stayRuleErrors(
            { ...stay, ...checked, extensionReason: textOrNull(values.extensionReason) },
            lang,
          ),
      }),
    save: (checked, values) =>
      caseStore.updateEntry('stay', stay.id, {
        ...checked,
        extensionReason: textOrNull(values.extensionReason),
      }),
    onDone,
  });

  return (
    <ActionForm title={t.extend} testId="extend-form" {...form}>
      <DateField
        {...bind('extendedUntil')}
        type="date"
        label={t.extendedUntil}
        isRequired
        min={stay.plannedDischargeDate}
      />
      <div class="form-wide">
        <TextAreaField {...bind('extensionReason')} rows={3} label={t.extensionReason} isRequired />
      </div>
    </ActionForm>
  );
}

export function DischargeForm({ stay, onDone }: ActionProps<{ stay: StayEntry }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const { bind, form } = useActionForm({
    initial: (): { dischargedAt: string; dischargedTo: DischargeDestination | '' } => ({
      dischargedAt: toLocalDateTimeInput(
        stay.dischargedAt ? new Date(stay.dischargedAt) : new Date(),
      ),
      dischargedTo: stay.dischargedTo ?? '',
    }),
    check: (values) =>
      checkEntryFields(
        stayEntrySchema,
        {
          dischargedAt: fromLocalDateTimeInput(values.dischargedAt),
          dischargedTo: codeOrNull(values.dischargedTo),
        },
        t,
        {
          required: ['dischargedAt'],
          // Where she went is asked by the domain's rule, with its own message.
          rules: (checked) => stayRuleErrors({ ...stay, ...checked }, lang),
        },
      ),
    save: (checked) => saveEntryCorrection(caseStore, 'stay', stay, checked),
    onDone,
  });

  return (
    <ActionForm title={t.discharge} testId="discharge-form" {...form}>
      <WhenField {...bind('dischargedAt')} label={t.dischargedAt} />
      <VocabularySelect
        {...bind('dischargedTo')}
        label={t.dischargedTo}
        isRequired
        vocabulary={dischargeDestinations}
      />
    </ActionForm>
  );
}
