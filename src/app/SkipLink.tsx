import { useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';

export const MAIN_ID = 'main';

/**
 * The first stop of the Tab key: past the header and its menu, straight to the screen.
 * It moves focus itself, because the router takes over every same-page link.
 */
export function SkipLink() {
  const t = useMessages(appMessages);
  return (
    <a
      href={`#${MAIN_ID}`}
      class="skip-link"
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t.skipToMain}
    </a>
  );
}
