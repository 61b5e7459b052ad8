import { useStores } from '../../shell/stores.ts';
import { checkCaseRules } from '../../domain/case-rules.ts';
import type { Case, CaseField } from '../../domain/case.ts';
import type { ClosureReason } from '../../domain/code-schemas.ts';
import { noteEntrySchema } from '../../domain/entries.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { closureReasons } from '../../domain/vocabularies-case.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { closureApprovalOf, mayApproveClosure } from '../../domain/write-rules.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields, resultOf } from './entry-checks.ts';
import { ActionForm, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
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
export function ClosureRequestForm({ caseFile, onDone }: ActionProps<{ caseFile: Case }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const { values, bind, form } = useActionForm({
    initial: (): { closureReason: ClosureReason | ''; closureNote: string } => ({
      closureReason: caseFile.closureReason ?? '',
      closureNote: caseFile.closureNote ?? '',
    }),
    check: (values) => {
      const changes = {
        closureReason: codeOrNull(values.closureReason),
        closureNote: textOrNull(values.closureNote),
        closureRequestedBy: staff.userId,
        closureRequestedAt: new Date().toISOString(),
      };
      // Checked as the case would be once a manager approves; the approval itself is not hers to give.
      const found = closureErrors(
        {
          ...caseFile,
          ...changes,
          status: 'closed',
          closureApprovedBy: staff.userId,
          closureApprovedAt: changes.closureRequestedAt,
        },
        lang,
      );
      delete found.closureApprovedBy;
      if (changes.closureReason === null)
        found.closureReason ??= labelOf(caseProblems, 'closure_reason_missing', lang);
      return resultOf(found, changes);
    },
    save: (changes) => caseStore.updateCase(caseFile.id, changes),
    onDone,
  });

  return (
    <ActionForm
      title={t.actionClose}
      testId="closure-form"
      submitLabel={t.requestClosure}
      {...form}
    >
      <VocabularySelect
        {...bind('closureReason')}
        label={t.closureReason}
        isRequired
        vocabulary={closureReasons}
      />
      <div class="form-wide">
        <TextAreaField
          {...bind('closureNote')}
          rows={3}
          label={t.closureNote}
          isRequired={values.closureReason === 'other'}
        />
      </div>
    </ActionForm>
  );
}

export function ClosureApproveForm({ caseFile, onDone }: ActionProps<{ caseFile: Case }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const isManager = mayApproveClosure(staff);
  const { errors, form } = useActionForm({
    initial: {},
    check: () => {
      const changes = closureApprovalOf(staff, new Date().toISOString());
      // The server refuses anyone else's approval, so the form offers them no save.
      return isManager
        ? resultOf(closureErrors({ ...caseFile, ...changes }, lang), changes)
        : { isValid: false, errors: {} };
    },
    save: (changes) => caseStore.updateCase(caseFile.id, changes),
    onDone,
  });
  const problems = Object.values(errors).filter((message): message is string => Boolean(message));

  return (
    <ActionForm
      title={t.actionApproveClose}
      testId="approve-closure-form"
      submitLabel={t.approveClosure}
      {...form}
      isSaving={form.isSaving || !isManager}
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
