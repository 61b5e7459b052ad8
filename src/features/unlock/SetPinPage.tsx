import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import type { CheckPin, SetPin } from './lock-ports.ts';
import { checkNewPin, judgeNewPin, type NewPinProblem } from './new-pin.ts';
import { NewPinFields } from './NewPinFields.tsx';

export interface SetPinPageProps {
  /** The domain's PIN policy unless a test passes its own. */
  readonly checkPin?: CheckPin;
  /** Wraps the tablet's data key under this PIN; the app then opens her stores. */
  readonly setPin: SetPin;
}

/** After an online sign-in, when she has no PIN on this tablet yet: she chooses one. */
export function SetPinPage({ checkPin = checkNewPin, setPin }: SetPinPageProps) {
  const t = useMessages(lockMessages);
  const [pin, setFirst] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<NewPinProblem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [hasFailed, setFailed] = useState(false);

  const submit = async () => {
    if (isBusy) return;
    const found = judgeNewPin(pin, repeat, checkPin);
    setProblem(found);
    if (found) {
      setRepeat('');
      return;
    }
    setBusy(true);
    setFailed(false);
    try {
      await setPin(pin);
    } catch (error) {
      console.warn('Sakhi: the PIN could not be kept', error);
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <section class="page set-pin" data-testid="set-pin-page">
      <h2>{t.setPinTitle}</h2>
      <p class="muted">{t.setPinIntro}</p>
      {hasFailed ? (
        <Banner tone="danger" testId="set-pin-failed">
          {t.setPinFailed}
        </Banner>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
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
            disabled={isBusy || pin === '' || repeat === ''}
            testId="set-pin-submit"
          >
            {isBusy ? t.savingPin : t.savePin}
          </Button>
        </div>
      </form>
    </section>
  );
}
