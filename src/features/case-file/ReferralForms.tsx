import { useStores } from '../../shell/stores.ts';
import type { Case } from '../../domain/case.ts';
import type { ReferralAgency, ReferralStatus } from '../../domain/code-schemas.ts';
import { referralEntrySchema, type ReferralEntry } from '../../domain/entries.ts';
import { referralAgencies, referralStatuses } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect, type VocabularySelectProps } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { ActionForm, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
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

export function ReferralForm({ caseFile, onDone }: ActionProps<{ caseFile: Case }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const { bind, form } = useActionForm({
    initial: {
      agency: '' as ReferralAgency | '',
      agencyName: '',
      status: 'sent' as ReferralStatus | '',
      contactPerson: '',
      notes: '',
    },
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
    save: (checked, values) =>
      caseStore.addEntry(caseFile.id, 'referral', {
        ...checked,
        agencyName: textOrNull(values.agencyName),
        referredAt: checked.status === 'planned' ? null : new Date().toISOString(),
        contactPerson: textOrNull(values.contactPerson),
        notes: textOrNull(values.notes),
        outcome: null,
      }),
    onDone,
  });

  return (
    <ActionForm title={t.actionReferral} testId="referral-form" {...form}>
      <VocabularySelect
        {...bind('agency')}
        label={t.agency}
        isRequired
        vocabulary={referralAgencies}
      />
      <TextField {...bind('agencyName')} label={t.agencyName} />
      <StatusSelect {...bind('status')} />
      <TextField {...bind('contactPerson')} label={t.contactPerson} />
      <div class="form-wide">
        <TextAreaField {...bind('notes')} rows={3} label={t.notes} />
      </div>
    </ActionForm>
  );
}

export function ReferralStatusForm({
  caseFile,
  referral,
  onDone,
}: ActionProps<{ caseFile: Case; referral: ReferralEntry }>) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const { bind, form } = useActionForm({
    initial: (): { status: ReferralStatus | ''; outcome: string } => ({
      status: referral.status,
      outcome: referral.outcome ?? '',
    }),
    check: (values) =>
      checkEntryFields(referralEntrySchema, { status: codeOrNull(values.status) }, t, {
        rules: ({ status }) => ({
          status: isSharingAllowed(caseFile, referral.agency, status)
            ? undefined
            : t.sharingNotConsented,
        }),
      }),
    save: ({ status }, values) =>
      caseStore.updateEntry('referral', referral.id, {
        status,
        outcome: textOrNull(values.outcome),
        ...(referral.referredAt === null && status !== 'planned'
          ? { referredAt: new Date().toISOString() }
          : {}),
      }),
    onDone,
  });

  return (
    <ActionForm title={t.updateStatus} testId="referral-status-form" {...form}>
      <StatusSelect {...bind('status')} />
      <div class="form-wide">
        <TextAreaField {...bind('outcome')} rows={3} label={t.outcome} />
      </div>
    </ActionForm>
  );
}
