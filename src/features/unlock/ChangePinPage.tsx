import { useState } from 'preact/hooks';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import type { ChangePin, CheckPin, UnlockResult } from './lock-ports.ts';
import { checkNewPin, judgeNewPin, type NewPinProblem } from './new-pin.ts';
import { NewPinFields } from './NewPinFields.tsx';
import { PinField } from './PinField.tsx';

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
  const [pin, setFirst] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<NewPinProblem | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async () => {
    if (isBusy || oldPin === '') return;
    const found = judgeNewPin(pin, repeat, checkPin);
    setProblem(found);
    if (found) {
      setRepeat('');
      return;
    }
    setBusy(true);
    setOutcome(null);
    let result: UnlockResult;
    try {
      result = await changePin(oldPin, pin);
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
      setFirst('');
      setRepeat('');
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
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <PinField
          label={t.oldPin}
          name="old-pin"
          value={oldPin}
          onInput={setOldPin}
          isDisabled={isBusy}
        />
        <NewPinFields
          pin={pin}
          repeat={repeat}
          onPin={setFirst}
          onRepeat={setRepeat}
          problem={problem}
          isDisabled={isBusy}
        />
        <div class="form-actions">
          <Button
            type="submit"
            variant="primary"
            disabled={isBusy || oldPin === '' || pin === '' || repeat === ''}
            testId="change-pin-submit"
          >
            {isBusy ? t.changingPin : t.changePin}
          </Button>
        </div>
      </form>
    </section>
  );
}
