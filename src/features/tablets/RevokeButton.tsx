import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/define-messages.ts';
import { tabletsMessages } from '../../i18n/messages-tablets.ts';
import { Button } from '../../ui/Button.tsx';

/**
 * Revoke, asked twice in place. Not src/ui's ConfirmButton: sharing that one between two lazy
 * screens made the bundler split preact out of the first screen's chunk (+0.4 kB gzip over a
 * 90 kB budget with nothing to spare).
 */
export function RevokeButton({
  onConfirm,
  testId,
}: {
  readonly onConfirm: () => void;
  readonly testId: string;
}) {
  const t = useMessages(tabletsMessages);
  const [isAsking, setAsking] = useState(false);
  if (!isAsking) {
    return (
      <Button variant="link" onClick={() => setAsking(true)} testId={testId}>
        {t.revoke}
      </Button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={t.revokeQuestion}>
      <span class="confirm-question">{t.revokeQuestion}</span>
      <Button
        variant="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        testId={`${testId}-confirm`}
      >
        {t.revokeConfirm}
      </Button>
      <Button onClick={() => setAsking(false)} testId={`${testId}-cancel`}>
        {t.cancel}
      </Button>
    </span>
  );
}
