import type { ReferralEntry } from '../../domain/entries.ts';
import { referralStepsOf } from '../../domain/referral-steps.ts';
import { referralStatuses } from '../../domain/vocabularies-entries.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { formatDateTime } from '../../ui/datetime.ts';
import { nameWriter, useStaffNames } from './use-staff-names.ts';

/** A referral's answers over time, oldest first: each step, when, and who recorded it. */
export function ReferralStepList({ referral }: { readonly referral: ReferralEntry }) {
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const lang = useLang();
  const names = useStaffNames();
  const steps = referralStepsOf(referral);
  if (steps.length === 0) return null;
  return (
    <ol class="referral-steps" data-testid="referral-steps">
      {steps.map((step) => (
        <li key={step.status} data-testid={`referral-step-${step.status}`}>
          {fill(tEdit.referralStep, {
            status: labelOf(referralStatuses, step.status, lang),
            date: formatDateTime(step.at, lang),
            name: step.by === null ? t.aColleague : nameWriter(step.by, names, t.aColleague),
          })}
        </li>
      ))}
    </ol>
  );
}
