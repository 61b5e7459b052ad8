import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import type { Case } from '../../domain/case.ts';
import type { ReferralAgency, ReferralStatus } from '../../domain/code-schemas.ts';
import type { ReferralEntry } from '../../domain/entries.ts';
import { referralAgencies, referralStatuses } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { ActionForm, hasErrors, textOrNull, type Errors } from './form-parts.tsx';
import { useActionSave } from './use-case-file.ts';

/** A referral that has gone out shares her information, which needs her recorded consent for that agency. */
function isSharingAllowed(c: Case, agency: ReferralAgency, status: ReferralStatus): boolean {
  return (
    status === 'planned' ||
    status === 'cancelled' ||
    (c.consentToServices === true && c.consentSharingAgencies.includes(agency))
  );
}

export function ReferralForm({
  caseFile,
  onDone,
}: {
  readonly caseFile: Case;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const save = useActionSave(onDone);
  const [agency, setAgency] = useState<ReferralAgency | ''>('');
  const [agencyName, setAgencyName] = useState('');
  const [status, setStatus] = useState<ReferralStatus | ''>('sent');
  const [contactPerson, setContactPerson] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Errors<'agency' | 'status'>>({});

  const submit = async () => {
    const found: Errors<'agency' | 'status'> = {
      agency:
        agency === ''
          ? t.errorRequired
          : status !== '' && !isSharingAllowed(caseFile, agency, status)
            ? t.sharingNotConsented
            : undefined,
      status: status === '' ? t.errorRequired : undefined,
    };
    setErrors(found);
    if (hasErrors(found) || agency === '' || status === '') return;
    await save.saveThenClose(async () => {
      await caseStore.addEntry(caseFile.id, 'referral', {
        agency,
        agencyName: textOrNull(agencyName),
        status,
        referredAt: status === 'planned' ? null : new Date().toISOString(),
        contactPerson: textOrNull(contactPerson),
        notes: textOrNull(notes),
        outcome: null,
      });
    });
  };

  return (
    <ActionForm
      title={t.actionReferral}
      testId="referral-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <VocabularySelect
        name="agency"
        label={t.agency}
        isRequired
        vocabulary={referralAgencies}
        value={agency}
        error={errors.agency}
        onChange={setAgency}
      />
      <TextField
        name="agencyName"
        label={t.agencyName}
        value={agencyName}
        onInput={setAgencyName}
      />
      <VocabularySelect
        name="referralStatus"
        label={t.referralStatus}
        isRequired
        vocabulary={referralStatuses}
        value={status}
        error={errors.status}
        onChange={setStatus}
      />
      <TextField
        name="contactPerson"
        label={t.contactPerson}
        value={contactPerson}
        onInput={setContactPerson}
      />
      <div class="form-wide">
        <TextAreaField name="notes" rows={3} label={t.notes} value={notes} onInput={setNotes} />
      </div>
    </ActionForm>
  );
}

export function ReferralStatusForm({
  caseFile,
  referral,
  onDone,
}: {
  readonly caseFile: Case;
  readonly referral: ReferralEntry;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore } = useStores();
  const t = useMessages(caseFileMessages);
  const save = useActionSave(onDone);
  const [status, setStatus] = useState<ReferralStatus | ''>(referral.status);
  const [outcome, setOutcome] = useState(referral.outcome ?? '');
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    const problem =
      status === ''
        ? t.errorRequired
        : !isSharingAllowed(caseFile, referral.agency, status)
          ? t.sharingNotConsented
          : undefined;
    setError(problem);
    if (problem || status === '') return;
    await save.saveThenClose(async () => {
      await caseStore.updateEntry('referral', referral.id, {
        status,
        outcome: textOrNull(outcome),
        ...(referral.referredAt === null && status !== 'planned'
          ? { referredAt: new Date().toISOString() }
          : {}),
      });
    });
  };

  return (
    <ActionForm
      title={t.updateStatus}
      testId="referral-status-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <VocabularySelect
        name="referralStatus"
        label={t.referralStatus}
        isRequired
        vocabulary={referralStatuses}
        value={status}
        error={error}
        onChange={setStatus}
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
