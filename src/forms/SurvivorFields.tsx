import { normalizeIndianMobile } from '../domain/common-fields.ts';
import { districts } from '../domain/districts.ts';
import { educationLevels, maritalStatuses, occupations } from '../domain/vocabularies-case.ts';
import { fill, useMessages } from '../i18n/define-messages.ts';
import { intakeMessages } from '../i18n/messages-intake.ts';
import { TextAreaField, TextField } from '../ui/Field.tsx';
import { DateField } from '../ui/DateField.tsx';
import { VocabularySelect } from '../ui/VocabularySelect.tsx';
import type { CaseDetailsFieldProps } from './field-props.ts';

/** Who she is: the survivor's fields, as intake asks them and the case page corrects them. */
export function SurvivorFields({ values, errors, set }: CaseDetailsFieldProps) {
  const t = useMessages(intakeMessages);
  const phone = normalizeIndianMobile(values.survivorPhone);
  const phoneHint =
    phone && phone !== values.survivorPhone.trim()
      ? fill(t.survivorPhoneAs, { phone })
      : t.survivorPhoneHint;
  return (
    <div class="form-grid">
      <TextField
        name="survivorName"
        label={t.survivorName}
        hint={t.survivorNameHint}
        isRequired
        value={values.survivorName}
        error={errors.survivorName}
        onInput={(v) => set('survivorName', v)}
      />
      <TextField
        name="survivorAlias"
        label={t.survivorAlias}
        value={values.survivorAlias}
        error={errors.survivorAlias}
        onInput={(v) => set('survivorAlias', v)}
      />
      <TextField
        name="survivorAgeYears"
        label={t.survivorAgeYears}
        hint={t.survivorAgeHint}
        inputMode="numeric"
        value={values.survivorAgeYears}
        error={errors.survivorAgeYears}
        onInput={(v) => set('survivorAgeYears', v)}
      />
      <DateField
        name="survivorDateOfBirth"
        type="date"
        label={t.survivorDateOfBirth}
        value={values.survivorDateOfBirth}
        error={errors.survivorDateOfBirth}
        onInput={(v) => set('survivorDateOfBirth', v)}
      />
      <TextField
        name="survivorPhone"
        type="tel"
        inputMode="tel"
        label={t.survivorPhone}
        hint={phoneHint}
        value={values.survivorPhone}
        error={errors.survivorPhone}
        onInput={(v) => set('survivorPhone', v)}
      />
      <VocabularySelect
        name="survivorDistrictCode"
        label={t.survivorDistrictCode}
        vocabulary={districts}
        emptyLabel={t.survivorDistrictNone}
        value={values.survivorDistrictCode}
        error={errors.survivorDistrictCode}
        onChange={(v) => set('survivorDistrictCode', v)}
      />
      <div class="form-wide">
        <TextAreaField
          name="survivorAddress"
          rows={2}
          label={t.survivorAddress}
          value={values.survivorAddress}
          error={errors.survivorAddress}
          onInput={(v) => set('survivorAddress', v)}
        />
      </div>
      <VocabularySelect
        name="survivorMaritalStatus"
        label={t.survivorMaritalStatus}
        vocabulary={maritalStatuses}
        value={values.survivorMaritalStatus}
        error={errors.survivorMaritalStatus}
        onChange={(v) => set('survivorMaritalStatus', v)}
      />
      <VocabularySelect
        name="survivorEducation"
        label={t.survivorEducation}
        vocabulary={educationLevels}
        value={values.survivorEducation}
        error={errors.survivorEducation}
        onChange={(v) => set('survivorEducation', v)}
      />
      <VocabularySelect
        name="survivorOccupation"
        label={t.survivorOccupation}
        vocabulary={occupations}
        value={values.survivorOccupation}
        error={errors.survivorOccupation}
        onChange={(v) => set('survivorOccupation', v)}
      />
      <TextField
        name="survivorDisability"
        label={t.survivorDisability}
        value={values.survivorDisability}
        error={errors.survivorDisability}
        onInput={(v) => set('survivorDisability', v)}
      />
      <TextField
        name="childrenAccompanying"
        inputMode="numeric"
        label={t.childrenAccompanying}
        value={values.childrenAccompanying}
        error={errors.childrenAccompanying}
        onInput={(v) => set('childrenAccompanying', v)}
      />
    </div>
  );
}
