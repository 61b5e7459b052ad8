import { useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { wordNewPinProblem, type NewPinProblem } from './new-pin.ts';
import { PinField } from './PinField.tsx';

/** The new PIN and its repeat, with the policy's reason or "they differ" under the right one. */
export function NewPinFields({
  pin,
  repeat,
  onPin,
  onRepeat,
  problem,
  isDisabled,
}: {
  readonly pin: string;
  readonly repeat: string;
  readonly onPin: (pin: string) => void;
  readonly onRepeat: (pin: string) => void;
  readonly problem: NewPinProblem | null;
  readonly isDisabled: boolean;
}) {
  const t = useMessages(lockMessages);
  return (
    <>
      <PinField
        label={t.newPin}
        name="new-pin"
        value={pin}
        onInput={onPin}
        error={problem && problem !== 'pins_differ' ? wordNewPinProblem(problem, t) : null}
        isDisabled={isDisabled}
      />
      <PinField
        label={t.repeatPin}
        name="repeat-pin"
        value={repeat}
        onInput={onRepeat}
        error={problem === 'pins_differ' ? t.pinsDiffer : null}
        isDisabled={isDisabled}
      />
    </>
  );
}
