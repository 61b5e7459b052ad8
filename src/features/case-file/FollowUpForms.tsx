import { useStores } from '../../shell/stores.ts';
import type { FollowUpMode } from '../../domain/code-schemas.ts';
import { followUpEntrySchema, type FollowUpEntry } from '../../domain/entries.ts';
import { isDueDateInPast } from '../../domain/entry-rules.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { followUpModes } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { ActionForm, WhenField, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

export function FollowUpForm({ caseId, onDone }: ActionProps<{ caseId: string }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const { bind, form } = useActionForm({
    initial: { dueDate: '', mode: 'phone' as FollowUpMode | '', notes: '' },
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
    save: (checked, values) =>
      caseStore.addEntry(caseId, 'followUp', {
        ...checked,
        doneAt: null,
        outcome: null,
        notes: textOrNull(values.notes),
      }),
    onDone,
  });

  return (
    <ActionForm title={t.actionFollowUp} testId="follow-up-form" {...form}>
      <TextField {...bind('dueDate')} type="date" label={t.dueDate} isRequired />
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
      caseStore.updateEntry('followUp', followUp.id, {
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
