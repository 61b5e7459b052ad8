import { useEffect, useState } from 'preact/hooks';
import type { SignInPageProps } from '../features/account/SignInPage.tsx';
import { CaseListPage } from '../features/cases/CaseListPage.tsx';
import type { SyncStatusPageProps } from '../features/sync-status/SyncStatusPage.tsx';
import type { ChangePinPageProps } from '../features/unlock/ChangePinPage.tsx';
import type { UnlockPageProps } from '../features/unlock/UnlockPage.tsx';
import type { SetPinPageProps } from '../features/unlock/SetPinPage.tsx';
import type { TabletErasedPageProps } from '../features/unlock/TabletErasedPage.tsx';
import type { StateReportsScreenProps } from '../features/reports/StateReportsScreen.tsx';
import type { ConsoleSession } from '../shell/console-request.ts';
import type { HeadquartersUnlock, UnlockedHeadquarters } from '../data/headquarters-vault.ts';
import type { ErasedNotice } from '../data/wipe-tablet.ts';
import type { EnrolledStaff } from '../features/unlock/lock-ports.ts';
import type { PinUnlock, Tablet } from '../shell/open-stores.ts';
import { useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';
import { paths, type Route } from '../shell/router.ts';
import { useStores } from '../shell/stores.ts';
import { Banner } from '../ui/Banner.tsx';
import { LinkButton } from '../ui/Button.tsx';
import { LazyScreen, type ScreenLoader } from './LazyScreen.tsx';

// Later screens load on first use, so the case list (the first screen) starts small.
const loadIntake: ScreenLoader<object> = () =>
  import('../features/intake/IntakePage.tsx').then((module) => module.IntakePage);
const loadCaseFile: ScreenLoader<{ caseId: string }> = () =>
  import('../features/case-file/CaseFilePage.tsx').then((module) => module.CaseFilePage);
const loadReferralLetter: ScreenLoader<{ caseId: string; referralId: string }> = () =>
  import('../features/case-file/ReferralLetterPage.tsx').then(
    (module) => module.ReferralLetterPage,
  );
const loadToday: ScreenLoader<object> = () =>
  import('../features/today/TodayPage.tsx').then((module) => module.TodayPage);
const loadSyncStatus: ScreenLoader<SyncStatusPageProps> = () =>
  import('../features/sync-status/SyncStatusPage.tsx').then((module) => module.SyncStatusPage);
const loadTablets: ScreenLoader<object> = () =>
  import('../features/tablets/TabletsScreen.tsx').then((module) => module.TabletsScreen);
// The console: online-only screens of a manager and the state administrator.
const loadCaseload: ScreenLoader<object> = () =>
  import('../features/cases/CaseloadPage.tsx').then((module) => module.CaseloadPage);
const loadStaff: ScreenLoader<ConsoleSession> = () =>
  import('../features/staff/StaffPage.tsx').then((module) => module.StaffScreen);
const loadAudit: ScreenLoader<ConsoleSession> = () =>
  import('../features/audit/AuditPage.tsx').then((module) => module.AuditScreen);
const loadChangePin: ScreenLoader<ChangePinPageProps> = () =>
  import('../features/unlock/ChangePinPage.tsx').then((module) => module.ChangePinPage);
const loadCentreReport: ScreenLoader<object> = () =>
  import('../features/reports/CentreReportScreen.tsx').then((module) => module.CentreReportScreen);
// Only headquarters accounts open these: a centre's first screen never loads their code.
const loadStateReports: ScreenLoader<StateReportsScreenProps> = () =>
  import('../features/reports/StateReportsScreen.tsx').then((module) => module.StateReportsScreen);
// Every open of a tablet with PINs starts here, but tablets without PINs never need it.
const loadUnlock: ScreenLoader<UnlockPageProps> = () =>
  import('../features/unlock/UnlockPage.tsx').then((module) => module.UnlockPage);
const loadSetPin: ScreenLoader<SetPinPageProps> = () =>
  import('../features/unlock/SetPinPage.tsx').then((module) => module.SetPinPage);
// Shown once per tablet (and after a sign-out), so it stays out of the first screen's code.
const loadSignIn: ScreenLoader<SignInPageProps> = () =>
  import('../features/account/SignInPage.tsx').then((module) => module.SignInPage);

export function Screen({
  route,
  onRequestSync,
  changePin,
}: {
  readonly route: Route;
  readonly onRequestSync: () => void;
  /** Null while PINs are off on this tablet: then there is no PIN to change. */
  readonly changePin: ChangePinPageProps | null;
}) {
  switch (route.name) {
    case 'cases':
      return <CaseListPage key={route.assignedTo ?? ''} assignedTo={route.assignedTo ?? ''} />;
    case 'caseload':
      return <LazyScreen key="caseload" load={loadCaseload} props={{}} />;
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
    case 'referralLetter':
      return (
        <LazyScreen
          key={`letter-${route.referralId}`}
          load={loadReferralLetter}
          props={{ caseId: route.caseId, referralId: route.referralId }}
        />
      );
    case 'today':
      return <LazyScreen key="today" load={loadToday} props={{}} />;
    case 'syncStatus':
      return <LazyScreen key="sync-status" load={loadSyncStatus} props={{ onRequestSync }} />;
    case 'tablets':
      return <LazyScreen key="tablets" load={loadTablets} props={{}} />;
    case 'changePin':
      return changePin ? (
        <LazyScreen key="change-pin" load={loadChangePin} props={changePin} />
      ) : (
        <NotFound />
      );
    case 'centreReport':
      return <CentreReport />;
    case 'staff':
    case 'audit':
      return <ManagerConsole route={route.name} />;
    // A centre's staff have no headquarters pages.
    case 'stateDashboard':
    case 'stateDistrict':
    case 'notFound':
      return <NotFound />;
  }
}

function CentreReport() {
  const t = useMessages(appMessages);
  const { staff } = useStores();
  if (staff.role !== 'manager') {
    return <Banner tone="info">{t.managersOnly}</Banner>;
  }
  return <LazyScreen key="centre-report" load={loadCentreReport} props={{}} />;
}

function ManagerConsole({ route }: { readonly route: 'staff' | 'audit' }) {
  const t = useMessages(appMessages);
  const { staff, readSessionToken } = useStores();
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    void readSessionToken().then(setToken);
  }, [readSessionToken]);
  if (staff.role !== 'manager') return <Banner tone="info">{t.managersOnly}</Banner>;
  if (!token) return null;
  const session: ConsoleSession = {
    token,
    userId: staff.userId,
    isStateAdmin: false,
    ownCentreId: staff.centreId,
  };
  return route === 'staff' ? (
    <LazyScreen key="staff" load={loadStaff} props={session} />
  ) : (
    <LazyScreen key="audit" load={loadAudit} props={session} />
  );
}

/**
 * Everything a headquarters account opens: the state dashboard and the district pages.
 * She has no stores on this tablet, so no case record can reach these screens.
 */
export function HeadquartersScreen({
  route,
  headquarters,
}: {
  readonly route: Route;
  readonly headquarters: UnlockedHeadquarters;
}) {
  const { account, seal } = headquarters;
  const { token } = account;
  if ((route.name === 'staff' || route.name === 'audit') && account.role === 'state_admin') {
    const session: ConsoleSession = {
      token,
      userId: account.userId,
      isStateAdmin: true,
      ownCentreId: null,
    };
    return route.name === 'staff' ? (
      <LazyScreen key="staff" load={loadStaff} props={session} />
    ) : (
      <LazyScreen key="audit" load={loadAudit} props={session} />
    );
  }
  const districtCode = route.name === 'stateDistrict' ? route.districtCode : null;
  return (
    <LazyScreen key="state-reports" load={loadStateReports} props={{ token, seal, districtCode }} />
  );
}

/**
 * A headquarters account's lock screen: her PIN opens her sealed session and the report
 * copies kept for her, and nothing of any centre.
 */
export function HeadquartersUnlockScreen({
  enrolled,
  unlock,
  onSignInAsOther,
}: {
  readonly enrolled: readonly EnrolledStaff[];
  readonly unlock: (userId: string, pin: string) => Promise<HeadquartersUnlock>;
  readonly onSignInAsOther: () => void;
}) {
  return (
    <LazyScreen
      key="headquarters-unlock"
      load={loadUnlock}
      props={{
        enrolled,
        // Her PIN was right but nothing sealed is left to open: her password, online.
        unlock: async (userId, pin) => {
          const result = await unlock(userId, pin);
          return result.outcome === 'not_enrolled' || result.outcome === 'unlocked'
            ? { outcome: 'unlocked' }
            : result;
        },
        onSignInAsOther,
      }}
    />
  );
}

/** All a locked app shows: no route, no case, only who may unlock it. */
export function UnlockScreen({
  tablet,
  unlock,
  onSignInAsOther,
}: {
  readonly tablet: Tablet;
  readonly unlock: (userId: string, pin: string) => Promise<PinUnlock>;
  readonly onSignInAsOther: () => void;
}) {
  // Null until read, so the screen never says "no one has a PIN" while it is still reading.
  const [enrolled, setEnrolled] = useState<readonly EnrolledStaff[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    tablet.listEnrolledStaff().then(
      (staff) => isCurrent && setEnrolled(staff),
      (error: unknown) => {
        // Then the screen offers the password sign-in, the one way in that needs no PIN.
        console.warn('Sakhi: could not list the staff with a PIN', error);
        if (isCurrent) setEnrolled([]);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [tablet]);
  if (!enrolled) return <p class="loading" aria-busy="true" />;
  return (
    <LazyScreen
      key="unlock"
      load={loadUnlock}
      props={{
        enrolled,
        // A right PIN whose session the server ended leads to the password sign-in.
        unlock: async (userId, pin) => {
          const result = await unlock(userId, pin);
          return result.outcome === 'no_session' ? { outcome: 'unlocked' } : result;
        },
        onSignInAsOther,
      }}
    />
  );
}

const loadTabletErased: ScreenLoader<TabletErasedPageProps> = () =>
  import('../features/unlock/TabletErasedPage.tsx').then((module) => module.TabletErasedPage);

export function TabletErasedScreen({
  notice,
  onSignIn,
}: {
  readonly notice: ErasedNotice;
  readonly onSignIn: () => void;
}) {
  return (
    <LazyScreen
      key="tablet-erased"
      load={loadTabletErased}
      props={{ unsent: notice.unsent, onSignIn }}
    />
  );
}

export function SetPinScreen({ setPin }: { readonly setPin: (pin: string) => Promise<void> }) {
  return <LazyScreen key="set-pin" load={loadSetPin} props={{ setPin }} />;
}

export function SignInScreen(props: SignInPageProps) {
  return <LazyScreen load={loadSignIn} props={props} />;
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
