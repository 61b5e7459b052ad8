import { useEffect, useState } from 'preact/hooks';
import { useOnline } from '../../shell/use-online.ts';
import { OfflineReadinessNote } from '../../shell/OfflineReadinessNote.tsx';
import {
  useOfflineReadiness,
  type OfflineReadinessTracker,
} from '../../shell/offline-readiness.ts';
import { StoreError } from '../../data/case-store.ts';
import type { SignInResponse } from '../../domain/auth-protocol.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { accountMessages } from '../../i18n/messages-account.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import type { DeviceKeyPair } from '../../platform/device-key.ts';
import { CentreSwitchPage } from './CentreSwitchPage.tsx';
import type {
  HeadquartersSignIn,
  SignInFailure,
  SignInOptions,
  SignInResult,
} from './sign-in-client.ts';

// The client checks the server's answer with zod's schemas, a quarter of the first screen
// on a 2G link: it loads after the form shows, while she types, not before.
const loadSignInClient = () => import('./sign-in-client.ts');

/** Who the sign-in says the tablet is. */
export interface SignInDevice {
  /** This tablet's id (device.ts): the server registers the tablet under it. */
  readonly deviceId: string;
  /**
   * This tablet's device key (data/device-key-store.ts), which signs the sign-in; null when
   * it could not be made or read, and then no one can sign in.
   */
  readonly deviceKey: DeviceKeyPair | null;
}

export interface SignInPageProps {
  /**
   * This tablet's id and key, read when she sends the form. On a first visit the form shows
   * before the tablet's store has loaded over the network, so sending waits for it; a failed
   * load rejects, and her next try asks again.
   */
  readonly readDevice: () => Promise<SignInDevice>;
  /**
   * Before another centre's staff signs in here: changes not yet acknowledged by
   * headquarters, and the erase of the centre's data (refused while any wait).
   */
  readonly centreSwitch?: CentreSwitchTablet;
  /** Headquarters revoked this tablet: it sends what waits, erases itself and says so. */
  readonly onDeviceRevoked?: () => void;
  /**
   * A state officer signed in: the app opens the headquarters reports with her session.
   * Without it, a headquarters account is refused here.
   */
  readonly onHeadquartersSignedIn?: (headquarters: HeadquartersSignIn) => void;
  /** Keeps the session and opens the app as her; rejects with a StoreError if it could not. */
  readonly onSignedIn: (response: SignInResponse) => Promise<void>;
  /** Tests and a server on another origin; by default the page's own origin and `fetch`. */
  readonly client?: SignInOptions;
  /** Whether the app opens offline yet; by default the page's own (its service worker's). */
  readonly readiness?: OfflineReadinessTracker;
}

export interface CentreSwitchTablet {
  readonly countPendingChanges: () => Promise<number>;
  /** Erases the centre's cases, drafts, conflicts, sessions, PINs and cursor; false while changes wait. */
  readonly eraseCentreData: () => Promise<boolean>;
}

type Problem =
  | { readonly kind: 'server'; readonly failure: SignInFailure }
  | { readonly kind: 'storage'; readonly error: unknown }
  | { readonly kind: 'noDeviceKey' };

/**
 * The first screen on a tablet nobody has signed in on (and after a sign-out). Sign-in
 * needs the server, so it needs the network; after it the session is on the tablet and
 * the app opens offline. The password lives only in this form's state until it is sent.
 */
export function SignInPage({
  readDevice,
  centreSwitch,
  onDeviceRevoked,
  onHeadquartersSignedIn,
  onSignedIn,
  client,
  readiness,
}: SignInPageProps) {
  const t = useMessages(accountMessages);
  const isOnline = useOnline();
  const offlineReadiness = useOfflineReadiness(readiness);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isSending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Set when she sends the form with a field empty: the app's own message, in her language,
  // never the browser's (which speaks the browser's language, not the screen's).
  const [isMissing, setMissing] = useState({ username: false, password: false });
  const [waitSeconds, setWaitSeconds] = useState(0);
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setTimeout(() => setWaitSeconds(0), waitSeconds * 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);
  const canSend = isOnline && !isSending && waitSeconds === 0;

  const [isSwitchingCentre, setSwitchingCentre] = useState(false);
  useEffect(() => {
    loadSignInClient().catch(() => undefined);
  }, []);

  const signIn = async (switchCentre = false) => {
    if (!canSend && !switchCentre) return;
    const missing = { username: username.trim() === '', password: password === '' };
    setMissing(missing);
    if (missing.username || missing.password) return;
    setSending(true);
    setProblem(null);
    let device: SignInDevice;
    try {
      device = await readDevice();
    } catch (error) {
      // A store that would not open says why; otherwise its code did not arrive over the link.
      setProblem(
        error instanceof StoreError
          ? { kind: 'storage', error }
          : { kind: 'server', failure: { code: 'network' } },
      );
      setSending(false);
      return;
    }
    const { deviceId, deviceKey } = device;
    if (!deviceKey) {
      setProblem({ kind: 'noDeviceKey' });
      setSending(false);
      return;
    }
    const result: SignInResult = await loadSignInClient().then(
      ({ requestSignIn }) =>
        requestSignIn(
          { username, password, deviceId, deviceKey, ...(switchCentre ? { switchCentre } : {}) },
          { ...client, acceptsHeadquarters: Boolean(onHeadquartersSignedIn) },
        ),
      // Its code did not arrive: the link is down, as a failed request would say.
      (): SignInResult => ({ isSignedIn: false, failure: { code: 'network' } }),
    );
    if (!result.isSignedIn && result.failure.code === 'device_other_centre' && centreSwitch) {
      // The password stays in the form until she decides, so the switch needs no retyping.
      setSwitchingCentre(true);
      setSending(false);
      return;
    }
    if (!result.isSignedIn) {
      if (result.failure.code === 'device_revoked' && onDeviceRevoked) {
        onDeviceRevoked();
        setSending(false);
        return;
      }
      if (result.failure.code === 'invalid_credentials') setPassword('');
      // docs/api.md: the button stays off until the server will listen again.
      if (result.failure.code === 'too_many_attempts') {
        setWaitSeconds(result.failure.retryAfterSeconds);
      }
      setProblem({ kind: 'server', failure: result.failure });
      setSending(false);
      return;
    }
    setPassword('');
    setSwitchingCentre(false);
    if ('headquarters' in result) {
      onHeadquartersSignedIn?.(result.headquarters);
      return;
    }
    try {
      await onSignedIn(result.response);
    } catch (error) {
      setProblem({ kind: 'storage', error });
      setSending(false);
    }
  };

  if (isSwitchingCentre && centreSwitch) {
    return (
      <CentreSwitchPage
        countPendingChanges={centreSwitch.countPendingChanges}
        eraseAndSignIn={async () => {
          if (!(await centreSwitch.eraseCentreData())) return 'changes_waiting';
          await signIn(true);
          return 'signed_in';
        }}
        onCancel={() => {
          setPassword('');
          setSwitchingCentre(false);
        }}
      />
    );
  }

  return (
    <section class="page sign-in" data-testid="sign-in-page">
      <h2>{t.title}</h2>
      <p class="muted">
        {t.intro}
        {offlineReadiness.state === 'ready' ? (
          <span data-testid="offline-promise"> {t.offlinePromise}</span>
        ) : null}
      </p>
      <OfflineReadinessNote readiness={offlineReadiness} />
      {isOnline ? null : (
        <Banner tone="warning" testId="sign-in-offline">
          {t.offline}
        </Banner>
      )}
      {problem ? <ProblemBanner problem={problem} /> : null}
      <form
        class="sign-in-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void signIn();
        }}
      >
        <Field label={t.username} isRequired error={isMissing.username ? t.usernameRequired : null}>
          {({ id, describedBy, isInvalid }) => (
            <input
              id={id}
              name="username"
              class="input"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              maxLength={64}
              aria-required="true"
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
              value={username}
              onInput={(event) => setUsername(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t.password} isRequired error={isMissing.password ? t.passwordRequired : null}>
          {({ id, describedBy, isInvalid }) => (
            <input
              id={id}
              name="password"
              type="password"
              class="input"
              autocomplete="current-password"
              maxLength={256}
              aria-required="true"
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          )}
        </Field>
        <div class="form-actions">
          <Button type="submit" variant="primary" disabled={!canSend} testId="sign-in-submit">
            {isSending ? t.signingIn : t.signIn}
          </Button>
        </div>
      </form>
    </section>
  );
}

function ProblemBanner({ problem }: { readonly problem: Problem }) {
  const t = useMessages(accountMessages);
  const lang = useLang();
  let message: string;
  if (problem.kind === 'storage') {
    message =
      problem.error instanceof StoreError ? problem.error.userMessage[lang] : t.storageFailed;
  } else if (problem.kind === 'noDeviceKey') {
    message = t.noDeviceKey;
  } else {
    const { failure } = problem;
    switch (failure.code) {
      case 'missing_fields':
        message = t.missingFields;
        break;
      case 'network':
        message = t.network;
        break;
      case 'invalid_credentials':
        message = t.invalidCredentials;
        break;
      case 'too_many_attempts':
        message = fill(t.tooManyAttempts, { minutes: Math.ceil(failure.retryAfterSeconds / 60) });
        break;
      case 'too_many_new_devices':
        message = fill(t.tooManyNewDevices, {
          hours: Math.ceil(failure.retryAfterSeconds / 3600),
        });
        break;
      case 'account_disabled':
        message = t.accountDisabled;
        break;
      case 'device_revoked':
        message = t.deviceRevoked;
        break;
      case 'headquarters_account':
        message = t.headquartersAccount;
        break;
      case 'bad_response':
        message = t.badResponse;
        break;
      case 'device_key_mismatch':
        message = t.deviceKeyMismatch;
        break;
      // Reached only without a centre switch (above): says what signing in here would erase.
      case 'device_other_centre':
        message = t.deviceOtherCentre;
        break;
      case 'other':
        message = failure.message?.[lang] ?? fill(t.serverProblem, { status: failure.status });
        break;
    }
  }
  return (
    <Banner tone="danger" testId="sign-in-error">
      {message}
    </Banner>
  );
}
