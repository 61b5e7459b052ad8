// The closure's steps on the case page (domain/closure.ts): a request by any staff member,
// then the manager's approval or send-back, and her reopening of a closed case. Each form
// saves exactly what the domain's step writes, and the blocking conditions stop the
// request and the approval here as the server's rules would.
import type { CaseEntry } from '../../data/case-store.ts';
import { checkCaseRules } from '../../domain/case-rules.ts';
import type { Case, CaseField } from '../../domain/case.ts';
import {
  checkClosureConditions,
  closureRequestOf,
  closureSendBackOf,
  isClosureBlocked,
  reopeningOf,
  type ClosureCondition,
  type ClosureConditionCode,
  type ClosureEntries,
} from '../../domain/closure.ts';
import type { ClosureReason } from '../../domain/code-schemas.ts';
import { indiaDateOf } from '../../domain/india-time.ts';
import { closureReasons } from '../../domain/vocabularies-case.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { closureApprovalOf, mayApproveClosure } from '../../domain/write-rules.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang, type Lang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { useStores } from '../../shell/stores.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { resultOf } from './entry-checks.ts';
import { ActionForm, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

type ClosureProps = ActionProps<{ caseFile: Case; entries: readonly CaseEntry[] }>;

/** The case's entries as the closure's conditions read them. */
export function closureEntriesOf(entries: readonly CaseEntry[]): ClosureEntries {
  const of = <K extends CaseEntry['entryType']>(kind: K) =>
    entries.flatMap((item) =>
      item.entryType === kind ? [item.entry as Extract<CaseEntry, { entryType: K }>['entry']] : [],
    );
  return { stays: of('stay'), referrals: of('referral'), followUps: of('followUp') };
}

const conditionMessage = {
  still_in_stay: 'closureBlockedInStay',
  referral_waiting: 'closureWarnReferral',
  follow_up_not_made: 'closureWarnFollowUp',
} as const satisfies Record<ClosureConditionCode, keyof typeof caseFileMessages.en>;

/** What stands in the way: a blocking condition as an alert, warnings listed under a title. */
function ClosureConditions({ conditions }: { readonly conditions: readonly ClosureCondition[] }) {
  const t = useMessages(caseFileMessages);
  const messagesOf = (isBlocking: boolean) => [
    ...new Set(
      conditions
        .filter((condition) => condition.isBlocking === isBlocking)
        .map((condition) => t[conditionMessage[condition.code]]),
    ),
  ];
  const blocks = messagesOf(true);
  const warnings = messagesOf(false);
  return (
    <div class="form-wide" data-testid="closure-conditions">
      {blocks.map((message) => (
        <p key={message} class="field-error" role="alert" data-testid="closure-blocked">
          {message}
        </p>
      ))}
      {warnings.length > 0 ? (
        <div role="status" data-testid="closure-warnings">
          <p>{t.closureWarningsTitle}</p>
          <ul>
            {warnings.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The domain's case rules on the case as it would be, as messages under the closure fields. */
function closureErrors(c: Case, lang: Lang): Partial<Record<CaseField, string>> {
  const errors: Partial<Record<CaseField, string>> = {};
  for (const problem of checkCaseRules(c, indiaDateOf(new Date()))) {
    if (problem.field.startsWith('closure') || problem.field === 'status')
      errors[problem.field] ??= labelOf(caseProblems, problem.code, lang);
  }
  return errors;
}

/** Any staff member asks to close the case with a reason; a manager approves. */
export function ClosureRequestForm({ caseFile, entries, onDone }: ClosureProps) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const conditions = checkClosureConditions(closureEntriesOf(entries));
  const isBlocked = isClosureBlocked(conditions);
  const { values, bind, form } = useActionForm({
    initial: (): { closureReason: ClosureReason | ''; closureNote: string } => ({
      closureReason: caseFile.closureReason ?? '',
      closureNote: caseFile.closureNote ?? '',
    }),
    check: (values) => {
      const reason = codeOrNull(values.closureReason);
      const at = new Date().toISOString();
      const changes = closureRequestOf(
        { userId: staff.userId, at },
        reason ?? 'other',
        textOrNull(values.closureNote),
      );
      // Checked as the case would be once a manager approves; the approval itself is not hers to give.
      const found = closureErrors(
        { ...caseFile, ...changes, ...closureApprovalOf(staff, at) },
        lang,
      );
      delete found.closureApprovedBy;
      if (reason === null) {
        delete found.closureNote;
        found.closureReason = labelOf(caseProblems, 'closure_reason_missing', lang);
      }
      if (isBlocked) return { isValid: false, errors: found };
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
      isSaving={form.isSaving || isBlocked}
    >
      <ClosureConditions conditions={conditions} />
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

export function ClosureApproveForm({ caseFile, entries, onDone }: ClosureProps) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const lang = useLang();
  const isManager = mayApproveClosure(staff);
  const conditions = checkClosureConditions(closureEntriesOf(entries));
  const isBlocked = isClosureBlocked(conditions);
  const { errors, form } = useActionForm({
    initial: {},
    check: () => {
      const changes = closureApprovalOf(staff, new Date().toISOString());
      // The server refuses anyone else's approval, so the form offers them no save.
      return isManager && !isBlocked
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
      isSaving={form.isSaving || !isManager || isBlocked}
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
      <ClosureConditions conditions={conditions} />
    </ActionForm>
  );
}

type ReasonStep = 'send_back' | 'reopen';

/** The manager's send-back of a request or reopening of a closed case: a reason, in her name. */
export function ClosureReasonForm({
  caseFile,
  step,
  onDone,
}: ActionProps<{ caseFile: Case; step: ReasonStep }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const { bind, form } = useActionForm({
    initial: { reason: '' },
    check: (values) => {
      const reason = textOrNull(values.reason);
      if (reason === null) return { isValid: false, errors: { reason: t.reasonRequired } };
      const by = { userId: staff.userId, at: new Date().toISOString() };
      const changes =
        step === 'send_back' ? closureSendBackOf(by, reason) : reopeningOf(by, reason);
      return resultOf({}, changes);
    },
    save: (changes) => caseStore.updateCase(caseFile.id, changes),
    onDone,
  });
  const isSendBack = step === 'send_back';
  return (
    <ActionForm
      title={isSendBack ? t.actionSendBack : t.actionReopen}
      testId={isSendBack ? 'send-back-form' : 'reopen-form'}
      submitLabel={isSendBack ? t.sendBack : t.reopen}
      {...form}
    >
      <div class="form-wide">
        <TextAreaField
          {...bind('reason')}
          rows={3}
          label={isSendBack ? t.sendBackReason : t.reopenReason}
          isRequired
        />
      </div>
    </ActionForm>
  );
}
