import { useStores } from '../../shell/stores.ts';
import type { ServiceKind } from '../../domain/code-schemas.ts';
import { serviceEntrySchema, type ServiceEntry } from '../../domain/entries.ts';
import { serviceKindFields } from '../../domain/entry-rules.ts';
import { serviceKinds } from '../../domain/vocabularies-entries.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from '../../ui/datetime.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';
import { checkEntryFields } from './entry-checks.ts';
import { saveEntryCorrection } from './entry-edit.ts';
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

/** A new service's answers, or a recorded one's as the form shows them for correcting. */
function startServiceValues(service: ServiceEntry | null): ServiceValues {
  const text = (value: string | number | null | undefined) => (value ?? '').toString();
  return {
    kind: service?.kind ?? '',
    givenAt: toLocalDateTimeInput(service ? new Date(service.givenAt) : new Date()),
    durationMinutes: text(service?.durationMinutes),
    notes: text(service?.notes),
    hospitalName: text(service?.hospitalName),
    firNumber: text(service?.firNumber),
    policeStation: text(service?.policeStation),
    dlsaAdvocateName: text(service?.dlsaAdvocateName),
    courtName: text(service?.courtName),
    interpretationLanguage: text(service?.interpretationLanguage),
  };
}

/**
 * A service given to her; the form asks for the details that kind of service has (FIR,
 * advocate, hospital…). Given `service`, the same form corrects that service in place.
 */
export function ServiceForm({
  caseId,
  service = null,
  onDone,
}: ActionProps<{ caseId: string; service?: ServiceEntry | null }>) {
  const { caseStore, staff } = useStores();
  const t = useMessages(caseFileMessages);
  const tEdit = useMessages(entryEditMessages);
  const { values, bind, form } = useActionForm({
    initial: () => startServiceValues(service),
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
      const fields = {
        ...checked,
        notes: textOrNull(values.notes),
        hospitalName: detail('hospitalName'),
        firNumber: detail('firNumber'),
        policeStation: detail('policeStation'),
        dlsaAdvocateName: detail('dlsaAdvocateName'),
        courtName: detail('courtName'),
        interpretationLanguage: detail('interpretationLanguage'),
      };
      return service
        ? saveEntryCorrection(caseStore, 'service', service, fields)
        : caseStore.addEntry(caseId, 'service', { ...fields, givenBy: staff.userId });
    },
    onDone,
  });
  const { kind } = values;
  const shownFields: readonly KindField[] = kind === '' ? [] : serviceKindFields[kind];

  return (
    <ActionForm
      title={service ? tEdit.correctService : t.actionService}
      testId={service ? 'service-edit-form' : 'service-form'}
      {...form}
    >
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
