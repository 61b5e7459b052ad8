import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Banner } from '../../ui/Banner.tsx';
import type { CheckPin, SetPin } from './lock-ports.ts';
import { checkNewPin } from './new-pin.ts';
import { NewPinForm } from './NewPinForm.tsx';
import { useNewPin } from './use-new-pin.ts';

export interface SetPinPageProps {
  /** The domain's PIN policy unless a test passes its own. */
  readonly checkPin?: CheckPin;
  /** Wraps the tablet's data key under this PIN; the app then opens her stores. */
  readonly setPin: SetPin;
}

/** After an online sign-in, when she has no PIN on this tablet yet: she chooses one. */
export function SetPinPage({ checkPin = checkNewPin, setPin }: SetPinPageProps) {
  const t = useMessages(lockMessages);
  const newPin = useNewPin(checkPin);
  const [isBusy, setBusy] = useState(false);
  const [hasFailed, setFailed] = useState(false);

  const submit = async () => {
    if (isBusy || !newPin.accept()) return;
    setBusy(true);
    setFailed(false);
    try {
      await setPin(newPin.pin);
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
      <NewPinForm
        newPin={newPin}
        isBusy={isBusy}
        submitLabel={isBusy ? t.savingPin : t.savePin}
        submitTestId="set-pin-submit"
        onSubmit={submit}
      />
    </section>
  );
}
