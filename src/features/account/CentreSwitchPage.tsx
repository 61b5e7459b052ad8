import { fill, useMessages } from '../../i18n/define-messages.ts';
import { centreSwitchMessages } from '../../i18n/messages-centre-switch.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { useCentreSwitch, type CentreSwitchPorts } from './use-centre-switch.ts';

export interface CentreSwitchPageProps extends CentreSwitchPorts {
  /** Back to the sign-in form; nothing was erased. */
  readonly onCancel: () => void;
}

/**
 * Shown when the server answered that this tablet belongs to another centre. Says what will
 * be erased, and asks; while changes wait to go up it offers nothing that erases.
 */
export function CentreSwitchPage({ onCancel, ...ports }: CentreSwitchPageProps) {
  const t = useMessages(centreSwitchMessages);
  const { state, confirm } = useCentreSwitch(ports);
  const canErase = state.step === 'confirm' || state.step === 'failed';
  return (
    <section class="page centre-switch" data-testid="centre-switch-page">
      <h2>{t.title}</h2>
      {state.step === 'checking' ? <p class="loading">{t.checking}</p> : null}
      {state.step === 'countFailed' ? (
        <Banner tone="danger" testId="centre-switch-count-failed">
          {t.countFailed}
        </Banner>
      ) : null}
      {state.step === 'waiting' ? (
        <Banner tone="warning" testId="centre-switch-waiting">
          {state.pendingChanges === 1 ? t.waitingOne : fill(t.waiting, { n: state.pendingChanges })}
        </Banner>
      ) : null}
      {state.step === 'failed' ? (
        <Banner tone="danger" testId="centre-switch-failed">
          {t.failed}
        </Banner>
      ) : null}
      {canErase || state.step === 'erasing' ? (
        <>
          <p>{t.intro}</p>
          <ul data-testid="centre-switch-erases">
            <li>{t.erasesCases}</li>
            <li>{t.erasesDrafts}</li>
            <li>{t.erasesPins}</li>
          </ul>
          <p class="muted">{t.keptOnServer}</p>
        </>
      ) : null}
      <div class="form-actions">
        {canErase || state.step === 'erasing' ? (
          <Button
            variant="danger"
            onClick={() => void confirm()}
            disabled={!canErase}
            testId="centre-switch-confirm"
          >
            {state.step === 'erasing' ? t.erasing : t.confirm}
          </Button>
        ) : null}
        <Button onClick={onCancel} disabled={state.step === 'erasing'} testId="centre-switch-back">
          {t.back}
        </Button>
      </div>
    </section>
  );
}
