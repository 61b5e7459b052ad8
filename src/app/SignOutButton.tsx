import { useState } from 'preact/hooks';
import { useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';

/**
 * Sign-out asks once before it acts: offline, she cannot sign in again until the network
 * is back. It never discards anything saved, so the question says so.
 */
export function SignOutButton({
  isOnline,
  onSignOut,
}: {
  readonly isOnline: boolean;
  readonly onSignOut: () => void;
}) {
  const t = useMessages(appMessages);
  const [isAsking, setAsking] = useState(false);
  if (!isAsking) {
    return (
      <button
        type="button"
        class="btn btn-secondary header-button"
        onClick={() => setAsking(true)}
        data-testid="sign-out"
      >
        {t.signOut}
      </button>
    );
  }
  return (
    <div class="sign-out-confirm" role="alertdialog" aria-label={t.signOut}>
      <p>{t.signOutQuestion}</p>
      {isOnline ? null : <p data-testid="sign-out-offline">{t.signOutOffline}</p>}
      <div class="form-actions">
        <button
          type="button"
          class="btn btn-danger"
          onClick={() => {
            setAsking(false);
            onSignOut();
          }}
          data-testid="sign-out-confirm"
        >
          {t.signOutConfirm}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setAsking(false)}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}
