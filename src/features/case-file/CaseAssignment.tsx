// "Assigned to" on the case page, and assigning or re-assigning the case to staff of her
// centre. Offered only to the roles the write rules let assign (mayAssignCases), so the
// tablet never offers what the server refuses; the save is the normal one (updateCase).
import { useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';
import { assignmentOf, mayAssignCases } from '../../domain/assignment.ts';
import type { Case } from '../../domain/case.ts';
import { closureStageOf } from '../../domain/closure.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { assignmentMessages } from '../../i18n/messages-assignment.ts';
import { Button } from '../../ui/Button.tsx';
import { ActionForm } from './form-parts.tsx';
import { useActionSave } from './use-action-form.ts';
import { nameWriter, useStaffNames } from './use-staff-names.ts';

export function CaseAssignment({ caseFile }: { readonly caseFile: Case }) {
  const t = useMessages(assignmentMessages);
  const { staff } = useStores();
  const names = useStaffNames();
  const [isOpen, setOpen] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  const assigned = caseFile.assignedStaffIds ?? [];
  const namesOf = (ids: readonly string[]) =>
    ids.map((id) => nameWriter(id, names, t.aColleague)).join(', ');
  // A closed case keeps its fields (the server's closure rules): reopen it first.
  const isOffered = mayAssignCases(staff) && closureStageOf(caseFile) !== 'closed';
  return (
    <section class="case-assignment" data-testid="case-assignment">
      <p>
        <strong>{t.assignedTo}: </strong>
        <span data-testid="assigned-names">
          {assigned.length === 0 ? t.nobodyAssigned : namesOf(assigned)}
        </span>
      </p>
      {isOffered && !isOpen ? (
        <Button
          variant="secondary"
          testId="action-assign"
          onClick={() => {
            setSavedNotice(false);
            setOpen(true);
          }}
        >
          {t.assign}
        </Button>
      ) : null}
      {savedNotice ? (
        <p class="saved-notice" role="status">
          {fill(t.assignedToNames, { names: namesOf(assigned) })}
        </p>
      ) : null}
      {isOffered && isOpen ? (
        <AssignForm
          caseFile={caseFile}
          onDone={(isSaved) => {
            setOpen(false);
            setSavedNotice(isSaved);
          }}
        />
      ) : null}
    </section>
  );
}

function AssignForm({
  caseFile,
  onDone,
}: {
  readonly caseFile: Case;
  readonly onDone: (isSaved: boolean) => void;
}) {
  const t = useMessages(assignmentMessages);
  const { caseStore, staff, centreStaff } = useStores();
  const save = useActionSave(onDone);
  const initial = caseFile.assignedStaffIds ?? [];
  const [chosen, setChosen] = useState<readonly string[]>(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const isSame = chosen.length === initial.length && chosen.every((id) => initial.includes(id));

  const submit = async () => {
    if (isSame) {
      setNotice(t.assignUnchanged);
      return;
    }
    await save.saveThenClose(async () => {
      await caseStore.updateCase(
        caseFile.id,
        assignmentOf(staff, chosen, new Date().toISOString()),
      );
    });
  };

  return (
    <ActionForm
      title={t.assignTitle}
      testId="assign-form"
      submitLabel={t.assignSave}
      onSubmit={() => void submit()}
      {...save.form}
    >
      {centreStaff.length === 0 ? (
        <p class="field-hint" role="status" data-testid="no-staff-list">
          {t.noStaffList}
        </p>
      ) : (
        <fieldset class="field checks">
          <legend class="field-label">{t.assignTitle}</legend>
          <p class="field-hint">{t.assignHelp}</p>
          <div class="checks-grid">
            {centreStaff.map((member) => (
              <label key={member.id} class="check">
                <input
                  type="checkbox"
                  name="assignedStaffIds"
                  value={member.id}
                  checked={chosen.includes(member.id)}
                  onChange={(event) => {
                    setNotice(null);
                    const isChecked = event.currentTarget.checked;
                    setChosen((previous) =>
                      isChecked
                        ? [...previous.filter((id) => id !== member.id), member.id]
                        : previous.filter((id) => id !== member.id),
                    );
                  }}
                />
                <span>{member.displayName}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {notice ? (
        <p class="muted" role="status" data-testid="assign-notice">
          {notice}
        </p>
      ) : null}
    </ActionForm>
  );
}
