import { fill, useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Button } from '../../ui/Button.tsx';

/** After a remote erase: says what happened and how to start again; nothing else is left to show. */
export interface TabletErasedPageProps {
  /** Changes the tablet held that headquarters did not take before the erase. */
  readonly unsent: number;
  readonly onSignIn: () => void;
}

export function TabletErasedPage({ unsent, onSignIn }: TabletErasedPageProps) {
  const t = useMessages(lockMessages);
  return (
    <section class="page tablet-erased" data-testid="tablet-erased-page" role="alert">
      <h2>{t.erasedTitle}</h2>
      <p>{t.erasedBody}</p>
      {unsent > 0 ? (
        <p class="warning" data-testid="tablet-erased-unsent">
          {fill(t.erasedUnsent, { count: unsent })}
        </p>
      ) : null}
      <p>{t.erasedNext}</p>
      <div class="form-actions">
        <Button variant="primary" onClick={onSignIn} testId="tablet-erased-sign-in">
          {t.signIn}
        </Button>
      </div>
    </section>
  );
}
