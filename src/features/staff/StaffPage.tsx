import { useMemo, useState } from 'preact/hooks';
import type { ListedStaffAccount } from '../../domain/auth-protocol.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { staffMessages } from '../../i18n/messages-staff.ts';
import { createConsoleRequest, type ConsoleSession } from '../../shell/console-request.ts';
import { useOnline } from '../../shell/use-online.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { AddStaffForm } from './AddStaffForm.tsx';
import { createStaffClient, type StaffClient } from './staff-client.ts';
import { StaffRow } from './StaffRow.tsx';
import { useCentres, useStaff } from './use-staff.ts';

/** The Staff route, over the server as the signed-in manager or state administrator. */
export function StaffScreen(session: ConsoleSession) {
  const client = useMemo(
    () => createStaffClient(createConsoleRequest({ token: session.token })),
    [session.token],
  );
  return <StaffPage client={client} session={session} />;
}

/**
 * Her centre's staff accounts, to add one, reset a password or disable one (the server
 * decides whose: her centre's non-manager staff, or anyone for the state administrator).
 * Online only: every change is made on the server, and the screen says so when offline.
 */
export function StaffPage({
  client,
  session,
}: {
  readonly client: StaffClient;
  readonly session: ConsoleSession;
}) {
  const t = useMessages(staffMessages);
  const lang = useLang();
  const isOnline = useOnline();
  const [centreFilter, setCentreFilter] = useState<string | null>(session.ownCentreId);
  const { list, reload } = useStaff(client, centreFilter);
  const centres = useCentres(client, session.isStateAdmin);
  // Across centres, each account says where she works: names alone do not tell.
  const centreOf = (account: ListedStaffAccount): string | null => {
    if (!session.isStateAdmin) return null;
    if (account.centreId === null) return t.headquarters;
    const centre = centres.find((each) => each.id === account.centreId);
    return centre ? (lang === 'hi' ? centre.nameHi : centre.nameEn) : account.centreId;
  };
  const canManage = (account: ListedStaffAccount) =>
    account.id !== session.userId && (session.isStateAdmin || account.role !== 'manager');
  return (
    <section class="page console" data-testid="staff-page">
      <h2>{t.title}</h2>
      <p class="muted">{session.isStateAdmin ? t.introState : t.intro}</p>
      {isOnline ? null : (
        <Banner tone="warning" testId="staff-offline">
          {t.needsInternet}
        </Banner>
      )}
      {session.isStateAdmin ? (
        <Field label={t.centre}>
          {({ id }) => (
            <select
              id={id}
              class="input"
              data-testid="staff-centre-filter"
              value={centreFilter ?? ''}
              onChange={(event) => setCentreFilter(event.currentTarget.value || null)}
            >
              <option value="">{t.allCentres}</option>
              <option value="headquarters">{t.headquarters}</option>
              {centres.map((centre) => (
                <option key={centre.id} value={centre.id}>
                  {lang === 'hi' ? centre.nameHi : centre.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {list.state === 'loading' ? (
        <p class="loading">{t.loading}</p>
      ) : list.state === 'failed' ? (
        <Banner
          tone="danger"
          action={<Button onClick={reload}>{t.retry}</Button>}
          testId="staff-failed"
        >
          {t.loadFailed}
        </Banner>
      ) : list.staff.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="console-list">
          {list.staff.map((account) => (
            <StaffRow
              key={account.id}
              account={account}
              client={client}
              canManage={canManage(account)}
              centreName={centreOf(account)}
              onChanged={reload}
            />
          ))}
        </ul>
      )}
      <AddStaffForm
        client={client}
        isStateAdmin={session.isStateAdmin}
        ownCentreId={session.ownCentreId}
        centres={centres}
        onAdded={reload}
      />
    </section>
  );
}
