import { useState } from 'preact/hooks';
import { roles, type Role } from '../../domain/vocabularies-staff.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { staffMessages } from '../../i18n/messages-staff.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field, TextField } from '../../ui/Field.tsx';
import type { CentreChoice, StaffClient } from './staff-client.ts';
import { checkNewAccount, describeRefusal } from './staff-messages.ts';

// What the API lets each one create: a manager her centre's staff but never a manager;
// the state administrator any role.
const MANAGER_MAY_ADD: readonly Role[] = ['counsellor', 'nurse', 'operator', 'caseworker'];
const HEADQUARTERS: readonly Role[] = ['state_admin', 'state_analyst'];

export function AddStaffForm({
  client,
  isStateAdmin,
  ownCentreId,
  centres,
  onAdded,
}: {
  readonly client: StaffClient;
  readonly isStateAdmin: boolean;
  readonly ownCentreId: string | null;
  readonly centres: readonly CentreChoice[];
  readonly onAdded: () => void;
}) {
  const t = useMessages(staffMessages);
  const lang = useLang();
  const choices = roles.filter((role) => isStateAdmin || MANAGER_MAY_ADD.includes(role.code));
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(choices[0]!.code);
  const [centreId, setCentreId] = useState<string | null>(ownCentreId);
  const [problems, setProblems] = useState<ReturnType<typeof checkNewAccount>>({});
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const isHeadquartersRole = HEADQUARTERS.includes(role);

  const submit = async (event: Event) => {
    event.preventDefault();
    const account = {
      displayName: displayName.trim(),
      username: username.trim().toLowerCase(),
      password,
      centreId: isHeadquartersRole ? null : centreId,
    };
    const found = checkNewAccount(account, !isHeadquartersRole, t);
    setProblems(found);
    setOutcome(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const done = await client.addStaff({ ...account, role });
    setBusy(false);
    if (!done.ok) {
      setOutcome({ tone: 'danger', text: describeRefusal(done, t, lang) });
      return;
    }
    setOutcome({ tone: 'success', text: fill(t.added, { name: account.displayName }) });
    setDisplayName('');
    setUsername('');
    setPassword('');
    onAdded();
  };

  return (
    <form class="staff-add" onSubmit={(event) => void submit(event)} data-testid="staff-add">
      <h3>{t.addTitle}</h3>
      <TextField
        label={t.displayName}
        value={displayName}
        onInput={setDisplayName}
        error={problems.displayName}
        isRequired
        name="displayName"
      />
      <TextField
        label={t.username}
        value={username}
        onInput={setUsername}
        error={problems.username}
        isRequired
        name="username"
      />
      <Field label={t.role} isRequired>
        {({ id }) => (
          <select
            id={id}
            name="role"
            class="input"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice[lang]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isStateAdmin && !isHeadquartersRole ? (
        <Field label={t.centre} error={problems.centreId} isRequired>
          {({ id, describedBy }) => (
            <select
              id={id}
              name="centreId"
              class="input"
              value={centreId ?? ''}
              aria-describedby={describedBy}
              onChange={(event) => setCentreId(event.currentTarget.value || null)}
            >
              <option value="" />
              {centres.map((centre) => (
                <option key={centre.id} value={centre.id}>
                  {lang === 'hi' ? centre.nameHi : centre.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <TextField
        label={t.tempPassword}
        value={password}
        onInput={setPassword}
        error={problems.password}
        hint={t.tempPasswordHint}
        isRequired
        name="password"
      />
      {outcome ? (
        <Banner tone={outcome.tone} testId={`staff-add-${outcome.tone}`}>
          {outcome.text}
        </Banner>
      ) : null}
      <Button type="submit" variant="primary" disabled={isBusy} testId="staff-add-submit">
        {t.add}
      </Button>
    </form>
  );
}
