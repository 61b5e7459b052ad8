import { useState } from 'preact/hooks';
import type { DeviceListing } from '../../domain/auth-protocol.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { tabletsMessages } from '../../i18n/messages-tablets.ts';
import { useOnline } from '../../shell/use-online.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { LockSettingForm } from './LockSettingForm.tsx';
import { RevokeButton } from './RevokeButton.tsx';
import type { TabletsClient } from './tablets-client.ts';
import { useTablets } from './use-tablets.ts';

export interface TabletsPageProps {
  readonly client: TabletsClient;
  /** A centre manager sets her centre's idle lock; others only see the list. */
  readonly canSetLock: boolean;
}

/**
 * A manager's view of her centre's tablets (the server decides whose: her centre's, or any
 * for a state admin), to revoke one that is lost. Online only: the list is the server's.
 */
export function TabletsPage({ client, canSetLock }: TabletsPageProps) {
  const t = useMessages(tabletsMessages);
  const isOnline = useOnline();
  const { list, reload, revoke } = useTablets(client);
  return (
    <section class="page console" data-testid="tablets-page">
      <h2>{t.title}</h2>
      <p class="muted">{t.intro}</p>
      {isOnline ? null : (
        <Banner tone="warning" testId="tablets-offline">
          {t.needsInternet}
        </Banner>
      )}
      {list.state === 'loading' ? (
        <p class="loading">{t.loading}</p>
      ) : list.state === 'failed' ? (
        <Banner
          tone="danger"
          action={<Button onClick={reload}>{t.retry}</Button>}
          testId="tablets-failed"
        >
          {t.loadFailed}
        </Banner>
      ) : list.tablets.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="console-list">
          {list.tablets.map((tablet) => (
            <TabletRow key={tablet.id} tablet={tablet} revoke={revoke} />
          ))}
        </ul>
      )}
      {canSetLock ? <LockSettingForm client={client} /> : null}
    </section>
  );
}

function TabletRow({
  tablet,
  revoke,
}: {
  readonly tablet: DeviceListing;
  readonly revoke: (deviceId: string) => Promise<boolean>;
}) {
  const t = useMessages(tabletsMessages);
  const lang = useLang();
  const [hasFailed, setFailed] = useState(false);
  return (
    <li class="console-row tablet-row" data-testid={`tablet-${tablet.id}`}>
      <strong>{tablet.name ?? t.unnamed}</strong>{' '}
      <span class="muted">
        {t.tag}: {tablet.tag}
      </span>
      <dl class="console-facts">
        <dt>{t.lastUser}</dt>
        <dd>{tablet.displayName}</dd>
        <dt>{t.lastSeen}</dt>
        <dd>{formatDateTime(tablet.lastSeenAt, lang)}</dd>
        <dt>{t.status}</dt>
        <dd data-testid={`tablet-${tablet.id}-status`}>
          {tablet.revokedAt ? (
            <Badge tone="danger">
              {fill(t.revokedOn, { time: formatDateTime(tablet.revokedAt, lang) })}
            </Badge>
          ) : (
            <Badge tone="success">{t.active}</Badge>
          )}
        </dd>
      </dl>
      {hasFailed ? (
        <Banner tone="danger" testId={`tablet-${tablet.id}-revoke-failed`}>
          {t.revokeFailed}
        </Banner>
      ) : null}
      {tablet.revokedAt ? null : (
        <RevokeButton
          onConfirm={() => void revoke(tablet.id).then((isRevoked) => setFailed(!isRevoked))}
          testId={`tablet-${tablet.id}-revoke`}
        />
      )}
    </li>
  );
}
