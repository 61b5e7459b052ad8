import { fill, useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';
import { useLang } from '../i18n/lang.ts';
import { Badge } from '../ui/Badge.tsx';
import { formatDateTime } from '../ui/datetime.ts';
import { paths, type Route } from '../shell/router.ts';
import { SignOutButton } from './SignOutButton.tsx';
import { useHeaderClearance } from './use-header-clearance.ts';

export interface HeaderProps {
  readonly route: Route;
  readonly isOnline: boolean;
  /** Changes saved here and waiting to go up (refused ones are not counted: they wait for a person). */
  readonly pendingChanges: number | null;
  /** Null until someone is signed in and the store has answered. */
  readonly sync: HeaderSync | null;
  /** The server said it is a demo (GET /api/health), so its accounts are only for trying. */
  readonly isDemo: boolean;
  readonly staffName: string | null;
  readonly onSwitchLanguage: () => void;
  /** Null while no one is signed in: then there is no one to sign out, and nowhere to go. */
  readonly onSignOut: (() => void) | null;
  /** Locks at once, so another staff member can open the tablet with her PIN; null while PINs are off. */
  readonly onSwitchUser?: (() => void) | null;
  /** A centre manager: the Tablets screen and the monthly report are hers. */
  readonly canManageTablets?: boolean;
  /** A state officer: her menu is the headquarters reports; she has no cases here. */
  readonly isHeadquarters?: boolean;
  /** The state administrator: her menu adds the staff and audit log of every centre. */
  readonly isStateAdmin?: boolean;
}

export interface HeaderSync {
  readonly isRunning: boolean;
  /**
   * The last run found no network, or the server did not answer in time: the next try is
   * planned. Shown instead of the time of the last sync, and instead of "Syncing…" while the
   * retry runs (on a silent link each try lasts until its deadline), so a silent link never
   * reads as a sync under way.
   */
  readonly isWaitingForNetwork?: boolean;
  /** When the last sync (page or service worker) finished without error. */
  readonly lastSyncAt: string | null;
  /**
   * When a run that pushed AND pulled last finished. "All changes sent" waits for it: the
   * service worker's push-only run sets `lastSyncAt` but has not brought anything down.
   */
  readonly lastFullSyncAt: string | null;
  /** Refused changes, or (for a manager) open conflicts: the sync status page explains. */
  readonly needsAttention: boolean;
  /** Changes headquarters refused: kept here, waiting for a person, so not "sent". */
  readonly refused: number;
}

export function Header({
  route,
  isOnline,
  pendingChanges,
  sync,
  isDemo,
  staffName,
  onSwitchLanguage,
  onSignOut,
  onSwitchUser = null,
  canManageTablets = false,
  isHeadquarters = false,
  isStateAdmin = false,
}: HeaderProps) {
  const t = useMessages(appMessages);
  const headerRef = useHeaderClearance<HTMLElement>();
  const navLink = (href: string, label: string, isCurrent: boolean, testId: string) => (
    <a
      href={href}
      class={isCurrent ? 'nav-link nav-current' : 'nav-link'}
      aria-current={isCurrent ? 'page' : undefined}
      data-testid={testId}
    >
      {label}
    </a>
  );
  const consoleLinks = (
    <>
      {navLink(paths.staff, t.navStaff, route.name === 'staff', 'nav-staff')}
      {navLink(paths.audit, t.navAudit, route.name === 'audit', 'nav-audit')}
    </>
  );
  return (
    <header class="app-header" ref={headerRef}>
      <div class="app-header-top">
        <a href={paths.cases} class="app-title-link">
          <h1 data-testid="app-title" class="app-title">
            {t.appName}
          </h1>
        </a>
        {isDemo ? (
          <span title={t.demoTitle} data-testid="demo-label">
            <Badge tone="warning">{t.demo}</Badge>
          </span>
        ) : null}
        {staffName ? (
          <span class="staff-name" data-testid="staff-name">
            {staffName}
          </span>
        ) : null}
        <span class="header-spacer" />
        <span
          class={isOnline ? 'net net-online' : 'net net-offline'}
          data-testid="network-status"
          role="status"
        >
          <span class="net-dot" aria-hidden="true" />
          {isOnline ? t.online : t.offline}
        </span>
        {pendingChanges !== null ? (
          <PendingLine pendingChanges={pendingChanges} sync={sync} />
        ) : null}
        {sync ? <SyncLine sync={sync} /> : null}
        <button
          type="button"
          class="btn btn-secondary lang-switch"
          // The name a screen reader gives is the word on the button (speech control finds
          // it by what is shown); what it does is its description.
          title={t.switchLanguageLabel}
          lang={t.switchLanguage === 'English' ? 'en' : 'hi'}
          onClick={onSwitchLanguage}
          data-testid="language-switch"
        >
          {t.switchLanguage}
        </button>
        {onSwitchUser ? (
          <button
            type="button"
            class="btn btn-secondary header-button"
            title={t.switchUserLabel}
            onClick={onSwitchUser}
            data-testid="switch-user"
          >
            {t.switchUser}
          </button>
        ) : null}
        {onSignOut ? <SignOutButton isOnline={isOnline} onSignOut={onSignOut} /> : null}
      </div>
      {onSignOut && isHeadquarters ? (
        <nav class="app-nav">
          {navLink(
            paths.stateDashboard,
            t.navStateDashboard,
            route.name === 'stateDashboard' || route.name === 'stateDistrict',
            'nav-state-dashboard',
          )}
          {isStateAdmin ? consoleLinks : null}
        </nav>
      ) : onSignOut ? (
        <nav class="app-nav">
          {navLink(paths.cases, t.navCases, route.name === 'cases', 'nav-cases')}
          {navLink(paths.today, t.navToday, route.name === 'today', 'nav-today')}
          {navLink(paths.newCase, t.navNewCase, route.name === 'newCase', 'nav-new-case')}
          {navLink(paths.syncStatus, t.navSync, route.name === 'syncStatus', 'nav-sync')}
          {canManageTablets
            ? navLink(paths.tablets, t.navTablets, route.name === 'tablets', 'nav-tablets')
            : null}
          {canManageTablets ? consoleLinks : null}
          {canManageTablets
            ? navLink(
                paths.centreReport,
                t.navMonthlyReport,
                route.name === 'centreReport',
                'nav-monthly-report',
              )
            : null}
          {onSwitchUser
            ? navLink(paths.changePin, t.navChangePin, route.name === 'changePin', 'nav-change-pin')
            : null}
        </nav>
      ) : null}
    </header>
  );
}

/**
 * What waits to go up. "All changes sent" only when it is true: nothing waiting, nothing
 * refused, and a sync that pushed and pulled has finished here (a push-only run of the
 * service worker is not enough; before that, SyncLine says "Not synced yet" or its time).
 */
function PendingLine({
  pendingChanges,
  sync,
}: {
  readonly pendingChanges: number;
  readonly sync: HeaderSync | null;
}) {
  const t = useMessages(appMessages);
  const refused = sync?.refused ?? 0;
  const text =
    pendingChanges === 1
      ? t.pendingChangesOne
      : pendingChanges > 0
        ? fill(t.pendingChanges, { n: pendingChanges })
        : refused === 1
          ? t.refusedChangesOne
          : refused > 0
            ? fill(t.refusedChanges, { n: refused })
            : sync?.lastFullSyncAt
              ? t.noPendingChanges
              : null;
  if (text === null) return null;
  return (
    <span class="pending" data-testid="pending-changes" role="status">
      {text}
    </span>
  );
}

function SyncLine({ sync }: { readonly sync: HeaderSync }) {
  const t = useMessages(appMessages);
  const lang = useLang();
  return (
    <>
      <span class="pending" data-testid="last-sync" role="status">
        {sync.isWaitingForNetwork
          ? t.waitingForNetwork
          : sync.isRunning
            ? t.syncing
            : sync.lastSyncAt
              ? fill(t.lastSync, { time: formatDateTime(sync.lastSyncAt, lang) })
              : t.neverSynced}
      </span>
      {sync.needsAttention ? (
        <a href={paths.syncStatus} class="pending sync-attention" data-testid="sync-attention">
          {t.syncNeedsAttention}
        </a>
      ) : null}
    </>
  );
}
