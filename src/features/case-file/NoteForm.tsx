import { useStores } from '../../shell/stores.ts';
import { noteEntrySchema } from '../../domain/entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { ActionForm, textOrNull, type ActionProps } from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

export function NoteForm({ caseId, onDone }: ActionProps<{ caseId: string }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const { bind, form } = useActionForm({
    initial: { text: '' },
    check: (values) => checkEntryFields(noteEntrySchema, { text: textOrNull(values.text) }, t),
    save: (checked) => caseStore.addEntry(caseId, 'note', checked),
    onDone,
  });

  return (
    <ActionForm title={t.actionNote} testId="note-form" {...form}>
      <div class="form-wide">
        <TextAreaField {...bind('text')} rows={4} label={t.noteText} isRequired />
      </div>
    </ActionForm>
  );
}
