import { useStores } from '../../shell/stores.ts';
import type { Case } from '../../domain/case.ts';
import type { ReferralAgency, ReferralStatus } from '../../domain/code-schemas.ts';
import {
  laterReferralBlanks,
  referralEntrySchema,
  type ReferralEntry,
} from '../../domain/entries.ts';
import { referralStepOf } from '../../domain/referral-steps.ts';
import { referralAgencies, referralStatuses } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect, type VocabularySelectProps } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { saveEntryCorrection } from './entry-edit.ts';
import { ActionForm, WhenField, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

/** A referral that has gone out shares her information, which needs her recorded consent for that agency. */
function isSharingAllowed(c: Case, agency: ReferralAgency, status: ReferralStatus): boolean {
  return (
    status === 'planned' ||
    status === 'cancelled' ||
    (c.consentToServices === true && c.consentSharingAgencies.includes(agency))
  );
}

/** Where the referral stands; both referral forms ask it the same way. */
function StatusSelect(
  props: Pick<VocabularySelectProps<typeof referralStatuses>, 'value' | 'error' | 'onChange'>,
) {
  const t = useMessages(caseFileMessages);
  return (
    <VocabularySelect
      {...props}
      name="referralStatus"
      label={t.referralStatus}
      isRequired
      vocabulary={referralStatuses}
    />
  );
}

/** What the agency and who there, as both the new referral and its correction ask it. */
type ReferralValues = {
  agency: ReferralAgency | '';
  agencyName: string;
  status: ReferralStatus | '';
  contactPerson: string;
  notes: string;
};

function startReferralValues(referral: ReferralEntry | null): ReferralValues {
  return {
    agency: referral?.agency ?? '',
    agencyName: referral?.agencyName ?? '',
    status: referral?.status ?? 'sent',
    contactPerson: referral?.contactPerson ?? '',
    notes: referral?.notes ?? '',
  };
}

/**
 * A referral to an agency. Given `referral`, the same form corrects it in place; where it
 * stands is then changed by ReferralStatusForm, which dates each step.
 */
export function ReferralForm({
  caseFile,
  referral = null,
  onDone,
}: ActionProps<{ caseFile: Case; referral?: ReferralEntry | null }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const { bind, form } = useActionForm({
    initial: () => startReferralValues(referral),
    check: (values) =>
      checkEntryFields(
        referralEntrySchema,
        { agency: codeOrNull(values.agency), status: codeOrNull(values.status) },
        t,
        {
          rules: ({ agency, status }) => ({
            agency: isSharingAllowed(caseFile, agency, status) ? undefined : t.sharingNotConsented,
          }),
        },
      ),
    save: ({ agency, status }, values) => {
      const fields = {
        agency,
        agencyName: textOrNull(values.agencyName),
        contactPerson: textOrNull(values.contactPerson),
        notes: textOrNull(values.notes),
      };
      if (referral) return saveEntryCorrection(caseStore, 'referral', referral, fields);
      return caseStore.addEntry(caseFile.id, 'referral', {
        ...fields,
        ...laterReferralBlanks,
        status,
        referredAt: null,
        outcome: null,
        ...referralStepOf(status, staff, new Date().toISOString()),
      });
    },
    onDone,
  });

  return (
    <ActionForm
      title={referral ? tEdit.correctReferral : t.actionReferral}
      testId={referral ? 'referral-edit-form' : 'referral-form'}
      {...form}
    >
      <VocabularySelect
        {...bind('agency')}
        label={t.agency}
        isRequired
        vocabulary={referralAgencies}
      />
      <TextField {...bind('agencyName')} label={t.agencyName} />
      {referral ? null : <StatusSelect {...bind('status')} />}
      <TextField {...bind('contactPerson')} label={t.contactPerson} />
      <div class="form-wide">
        <TextAreaField {...bind('notes')} rows={3} label={t.notes} />
      </div>
    </ActionForm>
  );
}

/**
 * Where the referral stands now, when it got there and what came of it: each step keeps
 * its own date and who recorded it (referral-steps.ts). A completed referral needs its
 * outcome.
 */
export function ReferralStatusForm({
  caseFile,
  referral,
  onDone,
}: ActionProps<{ caseFile: Case; referral: ReferralEntry }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const { bind, form } = useActionForm({
    initial: (): { status: ReferralStatus | ''; changedAt: string; outcome: string } => ({
      status: referral.status,
      changedAt: toLocalDateTimeInput(new Date()),
      outcome: referral.outcome ?? '',
    }),
    check: (values) => {
      const changedAt = fromLocalDateTimeInput(values.changedAt);
      const result = checkEntryFields(
        referralEntrySchema,
        { status: codeOrNull(values.status), outcome: textOrNull(values.outcome) },
        t,
        {
          rules: ({ status, outcome }) => ({
            status: isSharingAllowed(caseFile, referral.agency, status)
              ? undefined
              : t.sharingNotConsented,
            outcome: status === 'completed' && outcome === null ? tEdit.outcomeRequired : undefined,
          }),
        },
      );
      if (changedAt === null) {
        const errors = result.isValid ? {} : result.errors;
        return { isValid: false, errors: { ...errors, changedAt: t.errorDateTime } };
      }
      return result.isValid ? { isValid: true, checked: { ...result.checked, changedAt } } : result;
    },
    save: ({ status, changedAt, outcome }) => {
      // The same status again only corrects the outcome: its step keeps its date. A planned
      // referral answered at once went out then too (reports count referrals by that date).
      const isSentNow = referral.referredAt === null && status !== 'planned';
      const step = status === referral.status ? {} : referralStepOf(status, staff, changedAt);
      return saveEntryCorrection(caseStore, 'referral', referral, {
        ...(isSentNow ? referralStepOf('sent', staff, changedAt) : {}),
        ...step,
        outcome,
      });
    },
    onDone,
  });

  return (
    <ActionForm title={t.updateStatus} testId="referral-status-form" {...form}>
      <StatusSelect {...bind('status')} />
      <WhenField {...bind('changedAt')} label={tEdit.statusChangedAt} />
      <div class="form-wide">
        <TextAreaField {...bind('outcome')} rows={3} label={t.outcome} />
      </div>
    </ActionForm>
  );
}
