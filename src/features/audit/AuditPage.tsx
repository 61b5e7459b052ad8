import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StaffAccount } from '../../domain/auth-protocol.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { auditActionCodes, auditMessages, isAuditActionCode } from '../../i18n/messages-audit.ts';
import { createConsoleRequest, type ConsoleSession } from '../../shell/console-request.ts';
import { useOnline } from '../../shell/use-online.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { createAuditClient, type AuditClient, type AuditEntry } from './audit-client.ts';
import { indiaDayRange } from './audit-range.ts';
import { useAuditLog } from './use-audit-log.ts';

/** The Audit log route, over the server as the signed-in manager or state administrator. */
export function AuditScreen(session: ConsoleSession) {
  const client = useMemo(
    () => createAuditClient(createConsoleRequest({ token: session.token })),
    [session.token],
  );
  return <AuditPage client={client} isStateAdmin={session.isStateAdmin} />;
}

/**
 * Her centre's audit log (the state administrator's: anywhere, by centre), narrowed on the
 * server by person, action and days, each entry in the staff's words. Online only.
 */
export function AuditPage({
  client,
  isStateAdmin,
}: {
  readonly client: AuditClient;
  readonly isStateAdmin: boolean;
}) {
  const t = useMessages(auditMessages);
  const isOnline = useOnline();
  const staff = useStaffNames(client);
  const [centreId, setCentreId] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const range = indiaDayRange(fromDate, toDate);
  const rangeKey = range ? `${range.from}|${range.to}` : 'bad';
  const filter = useMemo(
    () => ({ centreId, userId, action, from: range?.from ?? null, to: range?.to ?? null }),
    // The range is rebuilt each render; its key says when it changed.
    [centreId, userId, action, rangeKey],
  );
  const { log, reload, showOlder } = useAuditLog(client, filter);
  return (
    <section class="page console" data-testid="audit-page">
      <h2>{t.title}</h2>
      <p class="muted">{t.intro}</p>
      {isOnline ? null : (
        <Banner tone="warning" testId="audit-offline">
          {t.needsInternet}
        </Banner>
      )}
      <div class="audit-filters">
        {isStateAdmin ? (
          <Choice
            label={t.centre}
            value={centreId}
            onChange={setCentreId}
            testId="audit-centre"
            options={[
              ['', t.allCentres],
              ['headquarters', t.headquarters],
            ]}
          />
        ) : null}
        <Choice
          label={t.person}
          value={userId}
          onChange={setUserId}
          testId="audit-person"
          options={[
            ['', t.everyone],
            ...[...staff.values()].map((account) => [account.id, account.displayName] as const),
          ]}
        />
        <Choice
          label={t.action}
          value={action}
          onChange={setAction}
          testId="audit-action"
          options={[
            ['', t.allActions],
            ...auditActionCodes.map((code) => [code, t[code]] as const),
          ]}
        />
        <DateField
          type="date"
          label={t.fromDate}
          value={fromDate}
          onInput={setFromDate}
          name="from"
        />
        <DateField
          type="date"
          label={t.toDate}
          value={toDate}
          onInput={setToDate}
          name="to"
          error={range ? null : t.badRange}
        />
      </div>
      {log.state === 'loading' ? (
        <p class="loading">{t.loading}</p>
      ) : log.state === 'failed' ? (
        <Banner
          tone="danger"
          action={<Button onClick={reload}>{t.retry}</Button>}
          testId="audit-failed"
        >
          {t.loadFailed}
        </Banner>
      ) : log.entries.length === 0 ? (
        <p data-testid="audit-none">{t.none}</p>
      ) : (
        <ol class="audit-list" data-testid="audit-entries">
          {log.entries.map((entry) => (
            <AuditRow key={entry.id} entry={entry} staff={staff} />
          ))}
        </ol>
      )}
      {log.state === 'loaded' && log.nextBefore !== null ? (
        <Button onClick={() => void showOlder()} testId="audit-older">
          {t.older}
        </Button>
      ) : null}
    </section>
  );
}

function useStaffNames(client: AuditClient): ReadonlyMap<string, StaffAccount> {
  const [staff, setStaff] = useState<ReadonlyMap<string, StaffAccount>>(new Map());
  useEffect(() => {
    let isCurrent = true;
    void client.listStaff().then((found) => {
      if (isCurrent && found) setStaff(new Map(found.map((account) => [account.id, account])));
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);
  return staff;
}

function Choice({
  label,
  value,
  onChange,
  options,
  testId,
}: {
  readonly label: string;
  readonly value: string | null;
  readonly onChange: (value: string | null) => void;
  readonly options: readonly (readonly [string, string])[];
  readonly testId: string;
}) {
  return (
    <Field label={label}>
      {({ id }) => (
        <select
          id={id}
          class="input"
          data-testid={testId}
          value={value ?? ''}
          onChange={(event) => onChange(event.currentTarget.value || null)}
        >
          {options.map(([code, text]) => (
            <option key={code} value={code}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function AuditRow({
  entry,
  staff,
}: {
  readonly entry: AuditEntry;
  readonly staff: ReadonlyMap<string, StaffAccount>;
}) {
  const t = useMessages(auditMessages);
  const lang = useLang();
  const who = describeWho(entry, staff, t);
  const subject =
    typeof entry.details.username === 'string' ? staffName(entry.details.username, staff) : null;
  const what = isAuditActionCode(entry.action) ? t[entry.action] : entry.action;
  return (
    <li class="audit-row" data-testid={`audit-${entry.id}`} data-action={entry.action}>
      <span class="muted">{formatDateTime(entry.at, lang)}</span> <strong>{who}</strong>: {what}
      {subject ? ` — ${subject}` : ''}
      {entry.outcome === 'success' ? null : (
        <span class="badge badge-danger">
          {fill(' ({outcome})', { outcome: entry.outcome === 'denied' ? t.denied : t.failed })}
        </span>
      )}
    </li>
  );
}

function describeWho(
  entry: AuditEntry,
  staff: ReadonlyMap<string, StaffAccount>,
  t: Readonly<Record<'someoneElse' | 'adminCommand' | 'nobody', string>>,
): string {
  if (entry.userId) return staff.get(entry.userId)?.displayName ?? t.someoneElse;
  return entry.details.via === 'admin-cli' ? t.adminCommand : t.nobody;
}

function staffName(username: string, staff: ReadonlyMap<string, StaffAccount>): string {
  for (const account of staff.values())
    if (account.username === username) return account.displayName;
  return username;
}
