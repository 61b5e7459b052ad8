import type { StaffMember } from '../data/case-store.ts';
import { roles } from '../domain/vocabularies-staff.ts';
import { labelOf } from '../domain/vocabulary.ts';
import { useMessages } from '../i18n/define-messages.ts';
import { useLang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';

/** First start before sign-in exists: who works on this tablet (demo staff only). */
export function StaffChooser({
  staff,
  onChoose,
}: {
  readonly staff: readonly StaffMember[];
  readonly onChoose: (userId: string) => Promise<void>;
}) {
  const t = useMessages(appMessages);
  const lang = useLang();
  return (
    <section class="page staff-chooser" data-testid="staff-chooser">
      <h2>{t.chooseStaffTitle}</h2>
      <p>{t.chooseStaffIntro}</p>
      <ul class="staff-list">
        {staff.map((member) => (
          <li key={member.userId}>
            <button
              type="button"
              class="btn btn-secondary staff-button"
              data-testid={`choose-${member.role}`}
              onClick={() => void onChoose(member.userId)}
            >
              <strong>{labelOf(roles, member.role, lang)}</strong>
              <span class="muted">{member.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
