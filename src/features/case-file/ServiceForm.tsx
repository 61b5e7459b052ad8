import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import type { ServiceKind } from '../../domain/code-schemas.ts';
import { serviceKindFields } from '../../domain/entry-rules.ts';
import { serviceKinds } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { ActionForm, hasErrors, textOrNull, type Errors } from './form-parts.tsx';
import { useActionSave } from './use-case-file.ts';

type KindField = (typeof serviceKindFields)[ServiceKind][number];
const kindFieldOrder: readonly KindField[] = [
  'hospitalName',
  'firNumber',
  'policeStation',
  'dlsaAdvocateName',
  'courtName',
  'interpretationLanguage',
];

/** A service given to her; the form asks for the details that kind of service has (FIR, advocate, hospital…). */
export function ServiceForm({
  caseId,
  onDone,
}: {
  readonly caseId: string;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const save = useActionSave(onDone);
  const [kind, setKind] = useState<ServiceKind | ''>('');
  const [givenAt, setGivenAt] = useState(() => toLocalDateTimeInput(new Date()));
  const [duration, setDuration] = useState('');
  const [notes, setNotes] = useState('');
  const [details, setDetails] = useState<Record<KindField, string>>({
    hospitalName: '',
    firNumber: '',
    policeStation: '',
    dlsaAdvocateName: '',
    courtName: '',
    interpretationLanguage: '',
  });
  const [errors, setErrors] = useState<Errors<'kind' | 'givenAt' | 'duration'>>({});
  const shownFields: readonly KindField[] = kind === '' ? [] : serviceKindFields[kind];

  const submit = async () => {
    const minutes = duration.trim() === '' ? null : Number(duration);
    const found: Errors<'kind' | 'givenAt' | 'duration'> = {
      kind: kind === '' ? t.errorRequired : undefined,
      givenAt: fromLocalDateTimeInput(givenAt) === null ? t.errorDateTime : undefined,
      duration:
        minutes !== null && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440)
          ? t.errorDuration
          : undefined,
    };
    setErrors(found);
    if (hasErrors(found) || kind === '') return;
    const detail = (field: KindField) =>
      shownFields.includes(field) ? textOrNull(details[field]) : null;
    await save.saveThenClose(async () => {
      await caseStore.addEntry(caseId, 'service', {
        kind,
        givenAt: fromLocalDateTimeInput(givenAt) ?? new Date().toISOString(),
        givenBy: staff.userId,
        durationMinutes: minutes,
        notes: textOrNull(notes),
        hospitalName: detail('hospitalName'),
        firNumber: detail('firNumber'),
        policeStation: detail('policeStation'),
        dlsaAdvocateName: detail('dlsaAdvocateName'),
        courtName: detail('courtName'),
        interpretationLanguage: detail('interpretationLanguage'),
      });
    });
  };

  return (
    <ActionForm
      title={t.actionService}
      testId="service-form"
      onSubmit={() => void submit()}
      {...save.form}
    >
      <VocabularySelect
        name="serviceKind"
        label={t.serviceKind}
        isRequired
        vocabulary={serviceKinds}
        value={kind}
        error={errors.kind}
        onChange={setKind}
      />
      <TextField
        name="givenAt"
        type="datetime-local"
        label={t.givenAt}
        isRequired
        value={givenAt}
        error={errors.givenAt}
        onInput={setGivenAt}
      />
      {kindFieldOrder
        .filter((field) => shownFields.includes(field))
        .map((field) => (
          <TextField
            key={field}
            name={field}
            label={t[field]}
            value={details[field]}
            onInput={(value) => setDetails({ ...details, [field]: value })}
          />
        ))}
      <TextField
        name="durationMinutes"
        inputMode="numeric"
        label={t.durationMinutes}
        value={duration}
        error={errors.duration}
        onInput={setDuration}
      />
      <div class="form-wide">
        <TextAreaField name="notes" rows={3} label={t.notes} value={notes} onInput={setNotes} />
      </div>
    </ActionForm>
  );
}
