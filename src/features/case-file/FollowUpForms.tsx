import { useStores } from '../../shell/stores.ts';
import type { FollowUpMode } from '../../domain/code-schemas.ts';
import { followUpEntrySchema, type FollowUpEntry } from '../../domain/entries.ts';
import { isDueDateInPast } from '../../domain/entry-rules.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { followUpModes } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { saveEntryCorrection } from './entry-edit.ts';
import { ActionForm, WhenField, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

/** A follow-up to make. Given `followUp`, the same form corrects or reschedules it in place. */
export function FollowUpForm({
  caseId,
  followUp = null,
  onDone,
}: ActionProps<{ caseId: string; followUp?: FollowUpEntry | null }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const { bind, form } = useActionForm({
    initial: (): { dueDate: string; mode: FollowUpMode | ''; notes: string } => ({
      dueDate: followUp?.dueDate ?? '',
      mode: followUp?.mode ?? 'phone',
      notes: followUp?.notes ?? '',
    }),
    check: (values) =>
      checkEntryFields(
        followUpEntrySchema,
        { dueDate: values.dueDate, mode: codeOrNull(values.mode) },
        t,
        {
          rules: ({ dueDate }) => ({
            dueDate: isDueDateInPast(dueDate, indiaDateOf(new Date()))
              ? t.errorDueDateInPast
              : undefined,
          }),
        },
      ),
    save: (checked, values) => {
      const fields = { ...checked, notes: textOrNull(values.notes) };
      if (followUp) return saveEntryCorrection(caseStore, 'followUp', followUp, fields);
      return caseStore.addEntry(caseId, 'followUp', { ...fields, doneAt: null, outcome: null });
    },
    onDone,
  });

  return (
    <ActionForm
      title={followUp ? tEdit.correctFollowUp : t.actionFollowUp}
      testId={followUp ? 'follow-up-edit-form' : 'follow-up-form'}
      {...form}
    >
      <DateField {...bind('dueDate')} type="date" label={t.dueDate} isRequired />
      <VocabularySelect {...bind('mode')} label={t.mode} isRequired vocabulary={followUpModes} />
      <div class="form-wide">
        <TextAreaField {...bind('notes')} rows={2} label={t.notes} />
      </div>
    </ActionForm>
  );
}

export function FollowUpDoneForm({ followUp, onDone }: ActionProps<{ followUp: FollowUpEntry }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const { bind, form } = useActionForm({
    initial: () => ({ doneAt: toLocalDateTimeInput(new Date()), outcome: '' }),
    check: (values) =>
      checkEntryFields(followUpEntrySchema, { doneAt: fromLocalDateTimeInput(values.doneAt) }, t, {
        required: ['doneAt'],
      }),
    save: (checked, values) =>
      saveEntryCorrection(caseStore, 'followUp', followUp, {
        ...checked,
        outcome: textOrNull(values.outcome),
      }),
    onDone,
  });

  return (
    <ActionForm title={t.markDone} testId="follow-up-done-form" {...form}>
      <WhenField {...bind('doneAt')} label={t.dueDate} />
      <div class="form-wide">
        <TextAreaField {...bind('outcome')} rows={3} label={t.outcome} />
      </div>
    </ActionForm>
  );
}
