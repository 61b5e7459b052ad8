import { arrivalRoutes } from '../domain/vocabularies-case.ts';
import { useMessages } from '../i18n/define-messages.ts';
import { intakeMessages } from '../i18n/messages-intake.ts';
import type { CaseDetailsFieldProps } from './field-props.ts';
import { VocabularySelect } from '../ui/VocabularySelect.tsx';

/** How she came to the centre: intake's first step, and the same chooser to change it later. */
export function ArrivalFields({ values, errors, set }: CaseDetailsFieldProps) {
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
