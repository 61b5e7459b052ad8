import type { ComponentChildren } from 'preact';
import { useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Button } from '../../ui/Button.tsx';
import { wordNewPinProblem } from './new-pin.ts';
import { PinField } from './PinField.tsx';
import type { NewPin } from './use-new-pin.ts';

export interface NewPinFormProps {
  readonly newPin: NewPin;
  readonly isBusy: boolean;
  /** Whatever the screen asks before the new PIN (her current one), filled in. */
  readonly isFilled?: boolean;
  readonly submitLabel: string;
  readonly submitTestId: string;
  readonly onSubmit: () => Promise<void>;
  /** Fields asked before the new PIN. */
  readonly children?: ComponentChildren;
}

/**
 * The form by which she chooses a PIN, first or new: the new PIN and its repeat, with the
 * policy's reason or "they differ" under the field it concerns, and the button, which
 * waits until every field is typed.
 */
export function NewPinForm({
  newPin,
  isBusy,
  isFilled = true,
  submitLabel,
  submitTestId,
  onSubmit,
  children,
}: NewPinFormProps) {
  const t = useMessages(lockMessages);
  const { problem } = newPin;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      <PinField
        label={t.newPin}
        name="new-pin"
        value={newPin.pin}
        onInput={newPin.setPin}
        error={problem && problem !== 'pins_differ' ? wordNewPinProblem(problem, t) : null}
        isDisabled={isBusy}
      />
      <PinField
        label={t.repeatPin}
        name="repeat-pin"
        value={newPin.repeat}
        onInput={newPin.setRepeat}
        error={problem === 'pins_differ' ? t.pinsDiffer : null}
        isDisabled={isBusy}
      />
      <div class="form-actions">
        <Button
          type="submit"
          variant="primary"
          disabled={isBusy || !isFilled || !newPin.isTypedTwice}
          testId={submitTestId}
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
