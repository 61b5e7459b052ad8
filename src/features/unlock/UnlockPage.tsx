import { fill, useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { useOnline } from '../../shell/use-online.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import type { EnrolledStaff, Unlock } from './lock-ports.ts';
import { PinField } from './PinField.tsx';
import { useUnlock, type UnlockProblem } from './use-unlock.ts';

export interface UnlockPageProps {
  /** Staff with a PIN on this tablet, by name only. */
  readonly enrolled: readonly EnrolledStaff[];
  readonly unlock: Unlock;
  /** To the password sign-in (online): another person, or after a lockout. */
  readonly onSignInAsOther: () => void;
}

/**
 * What a locked tablet shows, and all it shows: names of the staff who can open it, and a
 * PIN pad. Nothing of any case is rendered while locked.
 */
export function UnlockPage({ enrolled, unlock, onSignInAsOther }: UnlockPageProps) {
  const t = useMessages(lockMessages);
  const isOnline = useOnline();
  const flow = useUnlock(enrolled, unlock);
  const isLockedOut = flow.problem?.kind === 'locked_out';
  return (
    <section class="page unlock" data-testid="unlock-page">
      <h2>{t.unlockTitle}</h2>
      {enrolled.length === 0 ? <Banner tone="info">{t.noOneEnrolled}</Banner> : null}
      {flow.problem ? <UnlockProblemBanner problem={flow.problem} /> : null}
      {enrolled.length > 1 && !isLockedOut ? (
        <fieldset class="staff-choice">
          <legend>{t.chooseStaff}</legend>
          {enrolled.map((staff) => (
            <Button
              key={staff.userId}
              variant={flow.chosen?.userId === staff.userId ? 'primary' : 'secondary'}
              onClick={() => flow.choose(staff)}
              testId={`unlock-staff-${staff.userId}`}
            >
              {staff.displayName}
            </Button>
          ))}
        </fieldset>
      ) : null}
      {flow.chosen && !isLockedOut ? (
        <form
          class="unlock-form"
          onSubmit={(event) => {
            event.preventDefault();
            void flow.submit();
          }}
        >
          <PinField
            label={fill(t.pinFor, { name: flow.chosen.displayName })}
            name="pin"
            value={flow.pin}
            onInput={flow.setPin}
            hasPad
            isDisabled={flow.isBusy}
          />
          <div class="form-actions">
            <Button
              type="submit"
              variant="primary"
              disabled={flow.isBusy || flow.pin === ''}
              testId="unlock-submit"
            >
              {flow.isBusy ? t.unlocking : t.unlock}
            </Button>
          </div>
        </form>
      ) : null}
      <div class="form-actions">
        <Button
          variant={isLockedOut || enrolled.length === 0 ? 'primary' : 'link'}
          onClick={onSignInAsOther}
          disabled={!isOnline}
          testId="unlock-sign-in-other"
        >
          {t.signInAsOther}
        </Button>
        {isOnline ? null : <p class="muted">{t.signInNeedsInternet}</p>}
      </div>
    </section>
  );
}

function UnlockProblemBanner({ problem }: { readonly problem: UnlockProblem }) {
  const t = useMessages(lockMessages);
  const message =
    problem.kind === 'locked_out'
      ? t.lockedOut
      : problem.kind === 'failed'
        ? t.unlockFailed
        : problem.attemptsLeft === 1
          ? t.wrongPinOne
          : fill(t.wrongPin, { n: problem.attemptsLeft });
  return (
    <Banner tone="danger" testId="unlock-error">
      {message}
    </Banner>
  );
}
