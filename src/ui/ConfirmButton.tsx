import { useState } from 'preact/hooks';
import { useLang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { Button } from './Button.tsx';

export interface ConfirmButtonProps {
  readonly label: string;
  /** The question, saying what will happen. */
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly testId?: string;
}

/**
 * A button whose action needs a second, deliberate tap: the question appears in place
 * (not a browser dialog, which an installed app on a tablet shows poorly).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  testId,
}: ConfirmButtonProps) {
  const t = appMessages[useLang()];
  const [isAsking, setAsking] = useState(false);
  if (!isAsking) {
    return (
      <Button variant="link" onClick={() => setAsking(true)} testId={testId}>
        {label}
      </Button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={question}>
      <span class="confirm-question">{question}</span>
      <Button
        variant="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        testId={testId ? `${testId}-confirm` : undefined}
      >
        {confirmLabel}
      </Button>
      <Button onClick={() => setAsking(false)} testId={testId ? `${testId}-cancel` : undefined}>
        {t.cancel}
      </Button>
    </span>
  );
}
