import { useState } from 'preact/hooks';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Banner } from '../../ui/Banner.tsx';
import type { ChangePin, CheckPin, UnlockResult } from './lock-ports.ts';
import { checkNewPin } from './new-pin.ts';
import { NewPinForm } from './NewPinForm.tsx';
import { PinField } from './PinField.tsx';
import { useNewPin } from './use-new-pin.ts';

export interface ChangePinPageProps {
  /** The domain's PIN policy unless a test passes its own. */
  readonly checkPin?: CheckPin;
  readonly changePin: ChangePin;
  /** A lockout destroyed every wrapped key: the app must lock and ask for an online sign-in. */
  readonly onLockedOut: () => void;
}

type Outcome =
  | { readonly kind: 'changed' }
  | { readonly kind: 'wrong_old'; readonly attemptsLeft: number }
  | { readonly kind: 'failed' };

/** Her current PIN, then the new one twice; a wrong current PIN counts towards the lockout. */
export function ChangePinPage({
  checkPin = checkNewPin,
  changePin,
  onLockedOut,
}: ChangePinPageProps) {
  const t = useMessages(lockMessages);
  const [oldPin, setOldPin] = useState('');
  const newPin = useNewPin(checkPin);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async () => {
    if (isBusy || oldPin === '' || !newPin.accept()) return;
    setBusy(true);
    setOutcome(null);
    let result: UnlockResult;
    try {
      result = await changePin(oldPin, newPin.pin);
    } catch (error) {
      console.warn('Sakhi: the PIN could not be changed', error);
      setOutcome({ kind: 'failed' });
      setBusy(false);
      return;
    }
    setOldPin('');
    setBusy(false);
    if (result.outcome === 'locked_out') {
      onLockedOut();
    } else if (result.outcome === 'wrong_pin') {
      setOutcome({ kind: 'wrong_old', attemptsLeft: result.attemptsLeft });
    } else {
      newPin.clear();
      setOutcome({ kind: 'changed' });
    }
  };

  return (
    <section class="page change-pin" data-testid="change-pin-page">
      <h2>{t.changePinTitle}</h2>
      <p class="muted">{t.changePinIntro}</p>
      {outcome?.kind === 'changed' ? (
        <Banner tone="success" testId="change-pin-done">
          {t.pinChanged}
        </Banner>
      ) : outcome ? (
        <Banner tone="danger" testId="change-pin-error">
          {outcome.kind === 'failed'
            ? t.setPinFailed
            : fill(t.oldPinWrong, { n: outcome.attemptsLeft })}
        </Banner>
      ) : null}
      <NewPinForm
        newPin={newPin}
        isBusy={isBusy}
        isFilled={oldPin !== ''}
        submitLabel={isBusy ? t.changingPin : t.changePin}
        submitTestId="change-pin-submit"
        onSubmit={submit}
      >
        <PinField
          label={t.oldPin}
          name="old-pin"
          value={oldPin}
          onInput={setOldPin}
          isDisabled={isBusy}
        />
      </NewPinForm>
    </section>
  );
}
