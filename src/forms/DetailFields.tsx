import type { MinorStep } from '../domain/code-schemas.ts';
import {
  consentGivers,
  minorSteps,
  perpetratorRelationships,
  riskLevels,
  violenceTypes,
} from '../domain/vocabularies-case.ts';
import { referralAgencies } from '../domain/vocabularies-entries.ts';
import { labelOf } from '../domain/vocabulary.ts';
import { useMessages } from '../i18n/define-messages.ts';
import { useLang } from '../i18n/lang.ts';
import { intakeMessages } from '../i18n/messages-intake.ts';
import { Banner } from '../ui/Banner.tsx';
import { TextAreaField, TextField } from '../ui/Field.tsx';
import { DateField } from '../ui/DateField.tsx';
import { VocabularyChecks, VocabularySelect, YesNoField } from '../ui/VocabularySelect.tsx';
import { toLocalDateTimeInput } from '../ui/datetime.ts';
import type { CaseDetailsFieldProps } from './field-props.ts';

// What happened, what she agreed to, and how much danger she is in: the groups of her
// case's fields after her own, as intake asks them and the case page corrects them.

/**
 * Shown only for a girl under 18: what the law expects, before anything else is asked.
 * `intro` says where those steps are recorded (intake's default: after registering her).
 */
export function MinorNotice({
  steps,
  intro,
}: {
  readonly steps: readonly MinorStep[];
  readonly intro?: string;
}) {
  const t = useMessages(intakeMessages);
  const lang = useLang();
  return (
    <Banner tone="warning" testId="minor-notice">
      <strong>{t.minorTitle}</strong>
      <p>{intro ?? t.minorIntro}</p>
      <ul>
        {steps.map((step) => (
          <li key={step}>{labelOf(minorSteps, step, lang)}</li>
        ))}
      </ul>
      <p>{t.minorConsent}</p>
    </Banner>
  );
}

export function IncidentFields({ values, errors, set }: CaseDetailsFieldProps) {
  const t = useMessages(intakeMessages);
  return (
    <div class="form-grid">
      <DateField
        name="incidentDate"
        type="date"
        label={t.incidentDate}
        hint={t.incidentDateHint}
        value={values.incidentDate}
        error={errors.incidentDate}
        onInput={(v) => set('incidentDate', v)}
      />
      <TextField
        name="incidentPlace"
        label={t.incidentPlace}
        value={values.incidentPlace}
        error={errors.incidentPlace}
        onInput={(v) => set('incidentPlace', v)}
      />
      <div class="form-wide">
        <VocabularyChecks
          name="violenceTypes"
          legend={t.violenceTypes}
          vocabulary={violenceTypes}
          values={values.violenceTypes}
          error={errors.violenceTypes}
          onChange={(v) => set('violenceTypes', v)}
        />
      </div>
      <TextField
        name="perpetratorName"
        label={t.perpetratorName}
        value={values.perpetratorName}
        error={errors.perpetratorName}
        onInput={(v) => set('perpetratorName', v)}
      />
      <VocabularySelect
        name="perpetratorRelationship"
        label={t.perpetratorRelationship}
        vocabulary={perpetratorRelationships}
        value={values.perpetratorRelationship}
        error={errors.perpetratorRelationship}
        onChange={(v) => set('perpetratorRelationship', v)}
      />
      <TextField
        name="perpetratorRelationshipDetail"
        label={t.perpetratorRelationshipDetail}
        value={values.perpetratorRelationshipDetail}
        error={errors.perpetratorRelationshipDetail}
        onInput={(v) => set('perpetratorRelationshipDetail', v)}
      />
      <div class="form-wide">
        <TextAreaField
          name="incidentNarrative"
          rows={6}
          label={t.incidentNarrative}
          value={values.incidentNarrative}
          error={errors.incidentNarrative}
          onInput={(v) => set('incidentNarrative', v)}
        />
      </div>
    </div>
  );
}

export function ConsentFields({
  values,
  errors,
  set,
  isMinor,
}: CaseDetailsFieldProps & { readonly isMinor: boolean }) {
  const t = useMessages(intakeMessages);
  // Consent is only real with a time: the first answer stamps it, and staff may correct it.
  const setConsent = (field: 'consentToServices' | 'consentToReporting', value: boolean | null) => {
    set(field, value);
    if (value !== null && values.consentRecordedAt === '')
      set('consentRecordedAt', toLocalDateTimeInput(new Date()));
  };
  return (
    <div class="form-grid">
      {isMinor ? (
        <div class="form-wide">
          <Banner tone="warning" testId="minor-consent-notice">
            {t.minorConsent}
          </Banner>
        </div>
      ) : null}
      <div class="form-wide">
        <YesNoField
          name="consentToServices"
          legend={t.consentToServices}
          value={values.consentToServices}
          error={errors.consentToServices}
          onChange={(v) => setConsent('consentToServices', v)}
        />
      </div>
      <div class="form-wide">
        <VocabularyChecks
          name="consentSharingAgencies"
          legend={t.consentSharingAgencies}
          hint={t.consentSharingHint}
          vocabulary={referralAgencies}
          values={values.consentSharingAgencies}
          error={errors.consentSharingAgencies}
          onChange={(v) => set('consentSharingAgencies', v)}
        />
      </div>
      <div class="form-wide">
        <YesNoField
          name="consentToReporting"
          legend={t.consentToReporting}
          value={values.consentToReporting}
          error={errors.consentToReporting}
          onChange={(v) => setConsent('consentToReporting', v)}
        />
      </div>
      <VocabularySelect
        name="consentGivenBy"
        label={t.consentGivenBy}
        isRequired
        vocabulary={consentGivers}
        value={values.consentGivenBy}
        error={errors.consentGivenBy}
        onChange={(v) => set('consentGivenBy', v)}
      />
      {values.consentGivenBy !== '' && values.consentGivenBy !== 'survivor' ? (
        <TextField
          name="consentGiverName"
          label={t.consentGiverName}
          isRequired
          value={values.consentGiverName}
          error={errors.consentGiverName}
          onInput={(v) => set('consentGiverName', v)}
        />
      ) : null}
      <DateField
        name="consentRecordedAt"
        type="datetime-local"
        label={t.consentRecordedAt}
        isRequired
        value={values.consentRecordedAt}
        error={errors.consentRecordedAt}
        onInput={(v) => set('consentRecordedAt', v)}
      />
    </div>
  );
}

export function RiskFields({ values, errors, set }: CaseDetailsFieldProps) {
  const t = useMessages(intakeMessages);
  return (
    <div class="form-grid">
      <VocabularySelect
        name="riskLevel"
        label={t.riskLevel}
        isRequired
        vocabulary={riskLevels}
        value={values.riskLevel}
        error={errors.riskLevel}
        onChange={(v) => set('riskLevel', v)}
      />
      <div class="form-wide">
        <TextAreaField
          name="safetyPlan"
          rows={5}
          label={t.safetyPlan}
          hint={t.safetyPlanHint}
          isRequired={values.riskLevel === 'high'}
          value={values.safetyPlan}
          error={errors.safetyPlan}
          onInput={(v) => set('safetyPlan', v)}
        />
      </div>
    </div>
  );
}
