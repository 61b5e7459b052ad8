import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  readonly label: string;
  readonly error?: string | null | undefined;
  readonly hint?: string | null | undefined;
  readonly isRequired?: boolean;
  /**
   * Gets the control's id and the id of its message, so the label and the error are read out
   * with it, and `ariaRequired` for the control: a screen reader says "required" where the
   * eye sees the asterisk.
   */
  readonly children: (control: {
    id: string;
    describedBy: string | undefined;
    isInvalid: boolean;
    ariaRequired: true | undefined;
  }) => ComponentChildren;
}

/** A label, the control, a hint, and the message saying what to fix, right under it. */
export function Field({ label, error, hint, isRequired, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const isInvalid = Boolean(error);
  return (
    <div class={isInvalid ? 'field field-invalid' : 'field'}>
      <label for={id} class="field-label">
        {label}
        {isRequired ? (
          <span class="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({
        id,
        describedBy: error || hint ? messageId : undefined,
        isInvalid,
        ariaRequired: isRequired ? true : undefined,
      })}
      {error ? (
        <p id={messageId} class="field-error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} class="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface InputFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly error?: string | null | undefined;
  readonly hint?: string | null | undefined;
  readonly isRequired?: boolean;
  readonly name?: string;
}

export function TextField(
  props: InputFieldProps & {
    readonly type?: 'text' | 'tel' | 'date' | 'datetime-local' | 'search';
    readonly inputMode?: 'text' | 'numeric' | 'tel';
    readonly max?: string;
    readonly min?: string;
  },
) {
  const {
    label,
    value,
    onInput,
    error,
    hint,
    isRequired,
    name,
    type = 'text',
    inputMode,
    max,
    min,
  } = props;
  return (
    <Field label={label} error={error} hint={hint} isRequired={isRequired}>
      {({ id, describedBy, isInvalid, ariaRequired }) => (
        <input
          id={id}
          name={name}
          class="input"
          aria-required={ariaRequired}
          // Preact's types tie some attributes to each input type; all of these take a plain value.
          {...({ type } as { type: 'text' })}
          inputMode={inputMode}
          max={max}
          min={min}
          value={value}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export function TextAreaField(props: InputFieldProps & { readonly rows?: number }) {
  const { label, value, onInput, error, hint, isRequired, name, rows = 4 } = props;
  return (
    <Field label={label} error={error} hint={hint} isRequired={isRequired}>
      {({ id, describedBy, isInvalid, ariaRequired }) => (
        <textarea
          id={id}
          name={name}
          class="input"
          aria-required={ariaRequired}
          rows={rows}
          value={value}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
