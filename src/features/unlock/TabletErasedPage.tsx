import { useMessages } from '../../i18n/define-messages.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { Button } from '../../ui/Button.tsx';

/** After a remote erase: says what happened and how to start again; nothing else is left to show. */
export function TabletErasedPage({ onSignIn }: { readonly onSignIn: () => void }) {
  const t = useMessages(lockMessages);
  return (
    <section class="page tablet-erased" data-testid="tablet-erased-page" role="alert">
      <h2>{t.erasedTitle}</h2>
      <p>{t.erasedBody}</p>
      <p>{t.erasedNext}</p>
      <div class="form-actions">
        <Button variant="primary" onClick={onSignIn} testId="tablet-erased-sign-in">
          {t.signIn}
        </Button>
      </div>
    </section>
  );
}
