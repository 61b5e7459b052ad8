import type { SignInResponse } from '../domain/auth-protocol.ts';
import type { SignInPageProps } from '../features/account/SignInPage.tsx';
import { CaseListPage } from '../features/cases/CaseListPage.tsx';
import type { SyncStatusPageProps } from '../features/sync-status/SyncStatusPage.tsx';
import { useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';
import { paths, type Route } from '../shell/router.ts';
import { LinkButton } from '../ui/Button.tsx';
import { LazyScreen, type ScreenLoader } from './LazyScreen.tsx';

// Later screens load on first use, so the case list (the first screen) starts small.
const loadIntake: ScreenLoader<object> = () =>
  import('../features/intake/IntakePage.tsx').then((module) => module.IntakePage);
const loadCaseFile: ScreenLoader<{ caseId: string }> = () =>
  import('../features/case-file/CaseFilePage.tsx').then((module) => module.CaseFilePage);
const loadToday: ScreenLoader<object> = () =>
  import('../features/today/TodayPage.tsx').then((module) => module.TodayPage);
const loadSyncStatus: ScreenLoader<SyncStatusPageProps> = () =>
  import('../features/sync-status/SyncStatusPage.tsx').then((module) => module.SyncStatusPage);
// Shown once per tablet (and after a sign-out), so it stays out of the first screen's code.
const loadSignIn: ScreenLoader<SignInPageProps> = () =>
  import('../features/account/SignInPage.tsx').then((module) => module.SignInPage);

export function Screen({
  route,
  onRequestSync,
}: {
  readonly route: Route;
  readonly onRequestSync: () => void;
}) {
  switch (route.name) {
    case 'cases':
      return <CaseListPage />;
    case 'newCase':
      return <LazyScreen key="intake" load={loadIntake} props={{}} />;
    case 'caseFile':
      return (
        <LazyScreen
          key={`case-${route.caseId}`}
          load={loadCaseFile}
          props={{ caseId: route.caseId }}
        />
      );
    case 'today':
      return <LazyScreen key="today" load={loadToday} props={{}} />;
    case 'syncStatus':
      return <LazyScreen key="sync-status" load={loadSyncStatus} props={{ onRequestSync }} />;
    case 'notFound':
      return <NotFound />;
  }
}

export function SignInScreen({
  deviceId,
  onSignedIn,
}: {
  readonly deviceId: string;
  readonly onSignedIn: (response: SignInResponse) => Promise<void>;
}) {
  return <LazyScreen load={loadSignIn} props={{ deviceId, onSignedIn }} />;
}

function NotFound() {
  const t = useMessages(appMessages);
  return (
    <section class="page">
      <h2>{t.notFoundTitle}</h2>
      <LinkButton href={paths.cases}>{t.backToCases}</LinkButton>
    </section>
  );
}
