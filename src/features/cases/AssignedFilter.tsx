import { paths } from '../../shell/router.ts';
import { useStores } from '../../shell/stores.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { useMessages } from '../../i18n/define-messages.ts';
import { assignedFilterMessages } from '../../i18n/messages-assigned-filter.ts';
import { Field } from '../../ui/Field.tsx';

/** All cases, "My cases", or one colleague's, from the centre's staff list on this tablet. */
export function AssignedFilter({
  value,
  onChange,
}: {
  /** A staff member's user id; '' for all cases. */
  readonly value: string;
  readonly onChange: (staffId: string) => void;
}) {
  const t = useMessages(assignedFilterMessages);
  const { staff, centreStaff } = useStores();
  const colleagues = centreStaff.filter((member) => member.id !== staff.userId);
  return (
    <Field label={t.filterAssigned}>
      {({ id, describedBy }) => (
        <select
          id={id}
          name="assignedTo"
          class="input"
          value={value}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          <option value="">{t.filterAnyone}</option>
          <option value={staff.userId}>{t.filterMine}</option>
          {colleagues.map((member) => (
            <option key={member.id} value={member.id}>
              {member.displayName}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The manager's way to the caseload screen, beside "New case". */
export function CaseloadLink() {
  const t = useMessages(assignedFilterMessages);
  const { staff } = useStores();
  if (staff.role !== 'manager') return null;
  return (
    <LinkButton href={paths.caseload} variant="secondary" testId="caseload-link">
      {t.caseloadLink}
    </LinkButton>
  );
}
