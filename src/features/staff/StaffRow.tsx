import { useState } from 'preact/hooks';
import type { ListedStaffAccount } from '../../domain/auth-protocol.ts';
import { roles } from '../../domain/vocabularies-staff.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { staffMessages } from '../../i18n/messages-staff.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import type { StaffClient } from './staff-client.ts';
import { checkPasswordLength, describeRefusal } from './staff-messages.ts';

type Asking = 'nothing' | 'password' | 'disable';

/** One account, with a password reset and a disable that names her before it is done. */
export function StaffRow({
  account,
  client,
  canManage,
  centreName = null,
  onChanged,
}: {
  readonly account: ListedStaffAccount;
  readonly client: StaffClient;
  /** False for herself and for accounts the API would refuse her. */
  readonly canManage: boolean;
  /** Where she works, for the state administrator's list across centres; null: not shown. */
  readonly centreName?: string | null;
  readonly onChanged: () => void;
}) {
  const t = useMessages(staffMessages);
  const lang = useLang();
  const [asking, setAsking] = useState<Asking>('nothing');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = { name: account.displayName, username: account.username };
  const testId = `staff-${account.username}`;

  const resetPassword = async (event: Event) => {
    event.preventDefault();
    const tooShort = checkPasswordLength(password, t);
    setProblem(tooShort);
    if (tooShort) return;
    const done = await client.resetPassword(account.id, password);
    if (!done.ok) {
      setProblem(describeRefusal(done, t, lang));
      return;
    }
    setPassword('');
    setAsking('nothing');
    setNotice(fill(t.passwordReset, name));
  };
  const disable = async () => {
    const done = await client.disableStaff(account.id);
    setAsking('nothing');
    if (!done.ok) {
      setProblem(describeRefusal(done, t, lang));
      return;
    }
    setNotice(fill(t.disabled, name));
    onChanged();
  };

  const role = roles.find((term) => term.code === account.role);
  return (
    <li class="console-row staff-row" data-testid={testId}>
      <strong>{account.displayName}</strong>{' '}
      <span class="muted">
        {t.username}: {account.username}
      </span>
      <dl class="console-facts">
        {centreName === null ? null : (
          <>
            <dt>{t.centre}</dt>
            <dd data-testid={`${testId}-centre`}>{centreName}</dd>
          </>
        )}
        <dt>{t.role}</dt>
        <dd>{role ? role[lang] : account.role}</dd>
        <dt>{t.status}</dt>
        <dd data-testid={`${testId}-status`}>
          {account.disabledAt ? (
            <Badge tone="danger">
              {fill(t.disabledOn, { time: formatDateTime(account.disabledAt, lang) })}
            </Badge>
          ) : (
            <Badge tone="success">{t.active}</Badge>
          )}
        </dd>
        <dt>{t.lastSignIn}</dt>
        <dd data-testid={`${testId}-last-sign-in`}>
          {account.lastSignInAt ? formatDateTime(account.lastSignInAt, lang) : t.neverSignedIn}
        </dd>
      </dl>
      {notice ? (
        <Banner tone="success" testId={`${testId}-notice`}>
          {notice}
        </Banner>
      ) : null}
      {problem && asking !== 'password' ? (
        <Banner tone="danger" testId={`${testId}-problem`}>
          {problem}
        </Banner>
      ) : null}
      {!canManage || account.disabledAt ? null : asking === 'password' ? (
        <form
          onSubmit={(event) => void resetPassword(event)}
          data-testid={`${testId}-password-form`}
        >
          <TextField
            label={t.newPassword}
            value={password}
            onInput={setPassword}
            error={problem}
            hint={t.tempPasswordHint}
            name="newPassword"
          />
          <Button type="submit" variant="primary" testId={`${testId}-password-save`}>
            {t.saveNewPassword}
          </Button>
          <Button onClick={() => setAsking('nothing')}>{t.cancel}</Button>
        </form>
      ) : asking === 'disable' ? (
        <span class="confirm" role="group" aria-label={fill(t.disableQuestion, name)}>
          <span class="confirm-question">{fill(t.disableQuestion, name)}</span>
          <Button
            variant="danger"
            onClick={() => void disable()}
            testId={`${testId}-disable-confirm`}
          >
            {fill(t.disableConfirm, name)}
          </Button>
          <Button onClick={() => setAsking('nothing')}>{t.cancel}</Button>
        </span>
      ) : (
        <span class="staff-actions">
          <Button
            variant="link"
            onClick={() => {
              setProblem(null);
              setAsking('password');
            }}
            testId={`${testId}-password`}
          >
            {t.resetPassword}
          </Button>
          <Button
            variant="link"
            onClick={() => {
              setProblem(null);
              setAsking('disable');
            }}
            testId={`${testId}-disable`}
          >
            {t.disable}
          </Button>
        </span>
      )}
    </li>
  );
}
