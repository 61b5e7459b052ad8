import { arrivalRoutes } from '../../domain/vocabularies-case.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import type { CaseDetailsFieldProps } from '../../forms/field-props.ts';
import { VocabularySelect } from '../../ui/VocabularySelect.tsx';

export function ArrivalStep({ values, errors, set }: CaseDetailsFieldProps) {
  const t = useMessages(intakeMessages);
  return (
    <div class="form-grid">
      <VocabularySelect
        name="arrivalRoute"
        label={t.arrivalRoute}
        isRequired
        vocabulary={arrivalRoutes}
        value={values.arrivalRoute}
        error={errors.arrivalRoute}
        onChange={(v) => set('arrivalRoute', v)}
      />
    </div>
  );
}
