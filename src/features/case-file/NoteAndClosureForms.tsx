import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { checkCaseRules } from '../../domain/case-rules.ts';
import type { Case, CaseField } from '../../domain/case.ts';
import type { ClosureReason } from '../../domain/code-schemas.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { closureReasons } from '../../domain/vocabularies-case.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { ActionForm, textOrNull } from './form-parts.tsx';
import { useActionSave } from './use-case-file.ts';

export function NoteForm({
  caseId,
  onDone,
}: {
  readonly caseId: string;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const save = useActionSave(onDone);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    const note = textOrNull(text);
    setError(note === null ? t.errorRequired : undefined);
    if (note === null) return;
    await save.saveThenClose(async () => {
      await caseStore.addEntry(caseId, 'note', { text: note });
    });
  };

  return (
    <ActionForm
      title={t.actionNote}
      testId="note-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <div class="form-wide">
        <TextAreaField
          name="text"
          rows={4}
          label={t.noteText}
          isRequired
          value={text}
          error={error}
          onInput={setText}
        />
      </div>
    </ActionForm>
  );
}

/** The domain's case rules on the case as it would be, as messages under the closure fields. */
function closureErrors(c: Case, lang: 'hi' | 'en'): Partial<Record<CaseField, string>> {
  const errors: Partial<Record<CaseField, string>> = {};
  for (const problem of checkCaseRules(c, indiaDateOf(new Date()))) {
    if (problem.field.startsWith('closure') || problem.field === 'status')
      errors[problem.field] ??= labelOf(caseProblems, problem.code, lang);
  }
  return errors;
}

/** Any staff member asks to close the case with a reason; a manager approves. */
export function ClosureRequestForm({
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
  const [reason, setReason] = useState<ClosureReason | ''>(caseFile.closureReason ?? '');
  const [note, setNote] = useState(caseFile.closureNote ?? '');
  const [errors, setErrors] = useState<Partial<Record<CaseField, string>>>({});

  const submit = async () => {
    const changes = {
      closureReason: reason === '' ? null : reason,
      closureNote: textOrNull(note),
      closureRequestedBy: staff.userId,
      closureRequestedAt: new Date().toISOString(),
    };
    const found = {
      ...closureErrors(
        {
          ...caseFile,
          ...changes,
          status: 'closed',
          closureApprovedBy: staff.userId,
          closureApprovedAt: changes.closureRequestedAt,
        },
        lang,
      ),
    };
    delete found.closureApprovedBy;
    if (reason === '')
      found.closureReason ??= labelOf(caseProblems, 'closure_reason_missing', lang);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await save.saveThenClose(async () => {
      await caseStore.updateCase(caseFile.id, changes);
    });
  };

  return (
    <ActionForm
      title={t.actionClose}
      testId="closure-form"
      submitLabel={t.requestClosure}
      onSubmit={() => void submit()}
      {...save.form}
    >
      <VocabularySelect
        name="closureReason"
        label={t.closureReason}
        isRequired
        vocabulary={closureReasons}
        value={reason}
        error={errors.closureReason}
        onChange={setReason}
      />
      <div class="form-wide">
        <TextAreaField
          name="closureNote"
          rows={3}
          label={t.closureNote}
          isRequired={reason === 'other'}
          value={note}
          error={errors.closureNote}
          onInput={setNote}
        />
      </div>
    </ActionForm>
  );
}

export function ClosureApproveForm({
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
  const [problems, setProblems] = useState<string[]>([]);
  const isManager = staff.role === 'manager';

  const submit = async () => {
    if (!isManager) return;
    const changes = {
      status: 'closed' as const,
      closureApprovedBy: staff.userId,
      closureApprovedAt: new Date().toISOString(),
    };
    const found = Object.values(closureErrors({ ...caseFile, ...changes }, lang)).filter(
      (message): message is string => Boolean(message),
    );
    setProblems(found);
    if (found.length > 0) return;
    await save.saveThenClose(async () => {
      await caseStore.updateCase(caseFile.id, changes);
    });
  };

  return (
    <ActionForm
      title={t.actionApproveClose}
      testId="approve-closure-form"
      submitLabel={t.approveClosure}
      onSubmit={() => void submit()}
      {...save.form}
      isSaving={save.form.isSaving || !isManager}
    >
      <div class="form-wide">
        <p>
          {t.closureReason}:{' '}
          <strong>
            {caseFile.closureReason ? labelOf(closureReasons, caseFile.closureReason, lang) : '—'}
          </strong>
          {caseFile.closureNote ? ` — ${caseFile.closureNote}` : ''}
        </p>
        {!isManager ? <p class="field-error">{t.approveOnlyManager}</p> : null}
        {problems.map((problem) => (
          <p key={problem} class="field-error" role="alert">
            {problem}
          </p>
        ))}
      </div>
    </ActionForm>
  );
}
