import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import type { FollowUpMode } from '../../domain/code-schemas.ts';
import type { FollowUpEntry } from '../../domain/entries.ts';
import { followUpModes } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import {
  fromLocalDateTimeInput,
  isCalendarDateInput,
  toLocalDateTimeInput,
} from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { ActionForm, hasErrors, textOrNull, type Errors } from './form-parts.tsx';
import { useActionSave } from './use-case-file.ts';

export function FollowUpForm({
  caseId,
  onDone,
}: {
  readonly caseId: string;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const save = useActionSave(onDone);
  const [dueDate, setDueDate] = useState('');
  const [mode, setMode] = useState<FollowUpMode | ''>('phone');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Errors<'dueDate' | 'mode'>>({});

  const submit = async () => {
    const found: Errors<'dueDate' | 'mode'> = {
      dueDate: isCalendarDateInput(dueDate) ? undefined : t.errorDate,
      mode: mode === '' ? t.errorRequired : undefined,
    };
    setErrors(found);
    if (hasErrors(found) || mode === '') return;
    await save.saveThenClose(async () => {
      await caseStore.addEntry(caseId, 'followUp', {
        dueDate,
        mode,
        doneAt: null,
        outcome: null,
        notes: textOrNull(notes),
      });
    });
  };

  return (
    <ActionForm
      title={t.actionFollowUp}
      testId="follow-up-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <TextField
        name="dueDate"
        type="date"
        label={t.dueDate}
        isRequired
        value={dueDate}
        error={errors.dueDate}
        onInput={setDueDate}
      />
      <VocabularySelect
        name="mode"
        label={t.mode}
        isRequired
        vocabulary={followUpModes}
        value={mode}
        error={errors.mode}
        onChange={setMode}
      />
      <div class="form-wide">
        <TextAreaField name="notes" rows={2} label={t.notes} value={notes} onInput={setNotes} />
      </div>
    </ActionForm>
  );
}

export function FollowUpDoneForm({
  followUp,
  onDone,
}: {
  readonly followUp: FollowUpEntry;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const save = useActionSave(onDone);
  const [doneAt, setDoneAt] = useState(() => toLocalDateTimeInput(new Date()));
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    const at = fromLocalDateTimeInput(doneAt);
    setError(at === null ? t.errorDateTime : undefined);
    if (at === null) return;
    await save.saveThenClose(async () => {
      await caseStore.updateEntry('followUp', followUp.id, {
        doneAt: at,
        outcome: textOrNull(outcome),
      });
    });
  };

  return (
    <ActionForm
      title={t.markDone}
      testId="follow-up-done-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <TextField
        name="doneAt"
        type="datetime-local"
        label={t.dueDate}
        isRequired
        value={doneAt}
        error={error}
        onInput={setDoneAt}
      />
      <div class="form-wide">
        <TextAreaField
          name="outcome"
          rows={3}
          label={t.outcome}
          value={outcome}
          onInput={setOutcome}
        />
      </div>
    </ActionForm>
  );
}
