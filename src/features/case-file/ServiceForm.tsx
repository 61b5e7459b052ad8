import { useStores } from '../../shell/stores.ts';
import type { ServiceKind } from '../../domain/code-schemas.ts';
import { serviceEntrySchema } from '../../domain/entries.ts';
import { serviceKindFields } from '../../domain/entry-rules.ts';
import { serviceKinds } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { ActionForm, WhenField, codeOrNull, textOrNull, type ActionProps } from './form-parts.tsx';
import { useActionForm } from './use-action-form.ts';

type KindField = (typeof serviceKindFields)[ServiceKind][number];
const kindFieldOrder: readonly KindField[] = [
  'hospitalName',
  'firNumber',
  'policeStation',
  'dlsaAdvocateName',
  'courtName',
  'interpretationLanguage',
];

type ServiceValues = {
  kind: ServiceKind | '';
  givenAt: string;
  durationMinutes: string;
  notes: string;
} & Record<KindField, string>;

function startServiceValues(): ServiceValues {
  return {
    kind: '',
    givenAt: toLocalDateTimeInput(new Date()),
    durationMinutes: '',
    notes: '',
    hospitalName: '',
    firNumber: '',
    policeStation: '',
    dlsaAdvocateName: '',
    courtName: '',
    interpretationLanguage: '',
  };
}

/** A service given to her; the form asks for the details that kind of service has (FIR, advocate, hospital…). */
export function ServiceForm({ caseId, onDone }: ActionProps<{ caseId: string }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const { values, bind, form } = useActionForm({
    initial: startServiceValues,
    check: (values) =>
      checkEntryFields(
        serviceEntrySchema,
        {
          kind: codeOrNull(values.kind),
          givenAt: fromLocalDateTimeInput(values.givenAt),
          durationMinutes:
            values.durationMinutes.trim() === '' ? null : Number(values.durationMinutes),
        },
        t,
      ),
    save: (checked, values) => {
      // Only the details of the chosen kind are kept: she may have typed others before changing it.
      const shown: readonly KindField[] = serviceKindFields[checked.kind];
      const detail = (field: KindField) =>
        shown.includes(field) ? textOrNull(values[field]) : null;
      return caseStore.addEntry(caseId, 'service', {
        ...checked,
        givenBy: staff.userId,
        notes: textOrNull(values.notes),
        hospitalName: detail('hospitalName'),
        firNumber: detail('firNumber'),
        policeStation: detail('policeStation'),
        dlsaAdvocateName: detail('dlsaAdvocateName'),
        courtName: detail('courtName'),
        interpretationLanguage: detail('interpretationLanguage'),
      });
    },
    onDone,
  });
  const { kind } = values;
  const shownFields: readonly KindField[] = kind === '' ? [] : serviceKindFields[kind];

  return (
    <ActionForm title={t.actionService} testId="service-form" {...form}>
      <VocabularySelect
        {...bind('kind')}
        name="serviceKind"
        label={t.serviceKind}
        isRequired
        vocabulary={serviceKinds}
      />
      <WhenField {...bind('givenAt')} label={t.givenAt} />
      {kindFieldOrder
        .filter((field) => shownFields.includes(field))
        .map((field) => (
          <TextField key={field} {...bind(field)} label={t[field]} />
        ))}
      <TextField {...bind('durationMinutes')} inputMode="numeric" label={t.durationMinutes} />
      <div class="form-wide">
        <TextAreaField {...bind('notes')} rows={3} label={t.notes} />
      </div>
    </ActionForm>
  );
}
