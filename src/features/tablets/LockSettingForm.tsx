import { useEffect, useState } from 'preact/hooks';
import { idleMinutesBounds } from '../../domain/lock-settings.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { tabletsMessages } from '../../i18n/messages-tablets.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import type { TabletsClient } from './tablets-client.ts';

// What a centre has until its manager changes it (the server's default too).
const defaultIdleMinutes = 5;

type Outcome = 'saved' | 'outOfRange' | 'failed';

/** The centre's idle lock: how long an untouched tablet stays open. */
export function LockSettingForm({ client }: { readonly client: TabletsClient }) {
  const t = useMessages(tabletsMessages);
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    void client.readIdleMinutes().then((current) => {
      if (isCurrent) setMinutes((typed) => typed || String(current ?? defaultIdleMinutes));
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);

  const save = async () => {
    const value = Number(minutes);
    if (
      !/^\d+$/.test(minutes.trim()) ||
      value < idleMinutesBounds.min ||
      value > idleMinutesBounds.max
    ) {
      setOutcome('outOfRange');
      return;
    }
    setBusy(true);
    setOutcome((await client.saveIdleMinutes(value)) ? 'saved' : 'failed');
    setBusy(false);
  };

  return (
    <section class="lock-setting" data-testid="lock-setting">
      <h3>{t.lockTitle}</h3>
      <p class="muted">{t.lockIntro}</p>
      {outcome === 'saved' ? (
        <Banner tone="success" testId="lock-setting-saved">
          {t.lockSaved}
        </Banner>
      ) : outcome === 'failed' ? (
        <Banner tone="danger" testId="lock-setting-failed">
          {t.lockFailed}
        </Banner>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextField
          label={t.idleMinutes}
          name="idle-minutes"
          inputMode="numeric"
          value={minutes}
          onInput={setMinutes}
          error={outcome === 'outOfRange' ? t.lockOutOfRange : null}
        />
        <div class="form-actions">
          <Button type="submit" variant="primary" disabled={isBusy} testId="lock-setting-save">
            {t.saveLock}
          </Button>
        </div>
      </form>
    </section>
  );
}
