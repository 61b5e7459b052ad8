import { useMessages } from '../../i18n/define-messages.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import type { DetailsLock } from './case-details-edit.ts';

/** Why her details cannot be changed here, so no one looks for a missing button. */
export function DetailsLockedNotice({ lock }: { readonly lock: DetailsLock }) {
  const t = useMessages(caseFileMessages);
  const reason: Record<DetailsLock, string> = {
    closed: t.detailsLockedClosed,
    removed: t.detailsLockedRemoved,
    not_centre_staff: t.detailsLockedNotStaff,
  };
  return (
    <p class="muted" role="status" data-testid="details-locked">
      {reason[lock]}
    </p>
  );
}
