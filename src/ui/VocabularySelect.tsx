import type { ComponentChildren } from 'preact';
import type { CodeOf, Vocabulary } from '../domain/vocabulary.ts';
import { useLang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { Field } from './Field.tsx';

export interface VocabularySelectProps<V extends Vocabulary> {
  readonly label: string;
  readonly vocabulary: V;
  /** '' while nothing is chosen. */
  readonly value: CodeOf<V> | '';
  readonly onChange: (value: CodeOf<V> | '') => void;
  readonly error?: string | null | undefined;
  readonly hint?: string | null | undefined;
  readonly isRequired?: boolean;
  /** The text of the empty choice; "— choose —" unless given. */
  readonly emptyLabel?: string;
  readonly name?: string;
}

/** A closed list of codes, shown with their labels in the tablet's language. */
export function VocabularySelect<const V extends Vocabulary>(props: VocabularySelectProps<V>) {
  const lang = useLang();
  const { label, vocabulary, value, onChange, error, hint, isRequired, emptyLabel, name } = props;
  return (
    <Field label={label} error={error} hint={hint} isRequired={isRequired}>
      {({ id, describedBy, isInvalid, ariaRequired }) => (
        <select
          id={id}
          name={name}
          class="input"
          aria-required={ariaRequired}
          value={value}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          <option value="">{emptyLabel ?? appMessages[lang].chooseOne}</option>
          {vocabulary.map((term) => (
            <option key={term.code} value={term.code}>
              {term[lang]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface VocabularyChecksProps<V extends Vocabulary> {
  readonly legend: string;
  readonly vocabulary: V;
  readonly values: readonly CodeOf<V>[];
  readonly onChange: (values: CodeOf<V>[]) => void;
  readonly error?: string | null | undefined;
  readonly hint?: string | null | undefined;
  readonly name?: string;
}

/** Several codes at once (violence types, agencies), in the order staff ticked them. */
export function VocabularyChecks<const V extends Vocabulary>(props: VocabularyChecksProps<V>) {
  const lang = useLang();
  const { legend, vocabulary, values, onChange, error, hint, name } = props;
  const toggle = (code: CodeOf<V>, isChecked: boolean) =>
    onChange(
      isChecked ? [...values.filter((v) => v !== code), code] : values.filter((v) => v !== code),
    );
  return (
    <ChoiceFieldset legend={legend} hint={hint} error={error} layout="checks">
      {vocabulary.map((term) => (
        <label key={term.code} class="check">
          <input
            type="checkbox"
            name={name}
            value={term.code}
            checked={values.includes(term.code as CodeOf<V>)}
            onChange={(event) => toggle(term.code, event.currentTarget.checked)}
          />
          <span>{term[lang]}</span>
        </label>
      ))}
    </ChoiceFieldset>
  );
}

export interface YesNoFieldProps {
  readonly legend: string;
  /** null: not asked yet. */
  readonly value: boolean | null;
  readonly onChange: (value: boolean | null) => void;
  readonly error?: string | null | undefined;
  readonly name: string;
}

export function YesNoField({ legend, value, onChange, error, name }: YesNoFieldProps) {
  const t = appMessages[useLang()];
  const choices = [
    { value: true, label: t.yes },
    { value: false, label: t.no },
    { value: null, label: t.notAsked },
  ] as const;
  return (
    <ChoiceFieldset legend={legend} error={error} layout="row">
      {choices.map((choice) => (
        <label key={String(choice.value)} class="check">
          <input
            type="radio"
            name={name}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </ChoiceFieldset>
  );
}

/**
 * A question answered by ticking: its legend, a hint, the choices (a grid of many, or a
 * row of a few), and what to fix under them.
 */
function ChoiceFieldset({
  legend,
  hint,
  error,
  layout,
  children,
}: {
  readonly legend: string;
  readonly hint?: string | null | undefined;
  readonly error?: string | null | undefined;
  readonly layout: 'checks' | 'row';
  readonly children: ComponentChildren;
}) {
  const fieldClass = error ? 'field field-invalid' : 'field';
  return (
    <fieldset class={layout === 'checks' ? `${fieldClass} checks` : fieldClass}>
      <legend class="field-label">{legend}</legend>
      {hint ? <p class="field-hint">{hint}</p> : null}
      <div class={layout === 'checks' ? 'checks-grid' : 'radio-row'}>{children}</div>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
