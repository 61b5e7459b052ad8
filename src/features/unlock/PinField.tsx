import { useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Field } from '../../ui/Field.tsx';

// Longer than any PIN the policy asks for; only a bound on what a field holds.
const maxPinLength = 12;

export interface PinFieldProps {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onInput: (pin: string) => void;
  readonly error?: string | null;
  /** Big on-screen digits too, for the unlock screen; the device keyboard works either way. */
  readonly hasPad?: boolean;
  readonly isDisabled?: boolean;
}

/** Keeps digits only, so a pasted or mistyped character never becomes part of a PIN. */
export function toPinDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, maxPinLength);
}

/**
 * A PIN: masked, numeric keyboard, never offered to the browser's form memory
 * (autocomplete off), so another person on the tablet is never shown it.
 */
export function PinField({
  label,
  name,
  value,
  onInput,
  error,
  hasPad,
  isDisabled,
}: PinFieldProps) {
  const t = useMessages(lockMessages);
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, isInvalid }) => (
        <>
          <input
            id={id}
            name={name}
            type="password"
            class="input pin-input"
            inputMode="numeric"
            pattern="[0-9]*"
            autocomplete="off"
            maxLength={maxPinLength}
            disabled={isDisabled}
            value={value}
            aria-invalid={isInvalid}
            aria-describedby={describedBy}
            onInput={(event) => onInput(toPinDigits(event.currentTarget.value))}
          />
          {hasPad ? (
            <div class="pin-pad" role="group" aria-label={label}>
              {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
                <PadKey
                  key={digit}
                  label={digit}
                  onPress={() => onInput(toPinDigits(value + digit))}
                  isDisabled={isDisabled}
                />
              ))}
              <PadKey label={t.clearPin} onPress={() => onInput('')} isDisabled={isDisabled} />
              <PadKey
                label="0"
                onPress={() => onInput(toPinDigits(`${value}0`))}
                isDisabled={isDisabled}
              />
              <PadKey
                label="⌫"
                ariaLabel={t.deleteDigit}
                onPress={() => onInput(value.slice(0, -1))}
                isDisabled={isDisabled}
              />
            </div>
          ) : null}
        </>
      )}
    </Field>
  );
}

function PadKey({
  label,
  ariaLabel,
  onPress,
  isDisabled,
}: {
  readonly label: string;
  readonly ariaLabel?: string;
  readonly onPress: () => void;
  readonly isDisabled?: boolean | undefined;
}) {
  return (
    <button
      type="button"
      class="btn btn-secondary pin-key"
      aria-label={ariaLabel}
      disabled={isDisabled}
      onClick={onPress}
      data-testid={`pin-key-${label}`}
    >
      {label}
    </button>
  );
}
