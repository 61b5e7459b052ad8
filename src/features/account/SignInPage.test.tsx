import { testStaff } from '../../data/case-store.testing.ts';
import { StoreError } from '../../data/case-store.ts';
import { createPublicKey, verify } from 'node:crypto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTablet } from '../../shell/open-stores.ts';
import { openLocalStore } from '../../data/local-store.ts';
import { headquartersSignInResponse, sampleSignInResponse } from '../../data/session.testing.ts';
import type { SignInResponse } from '../../domain/auth-protocol.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { accountMessages } from '../../i18n/messages-account.ts';
import { decodeBase64url } from '../../domain/base64url.ts';
import { createDeviceKey, type DeviceKeyPair } from '../../platform/device-key.ts';
import {
  createOfflineReadinessTracker,
  type OfflineReadinessTracker,
} from '../../shell/offline-readiness.ts';
import { precacheProgressType } from '../../platform/precache-progress.ts';
import type { HeadquartersSignIn } from './sign-in-client.ts';
import { SignInPage, type SignInDevice } from './SignInPage.tsx';

/** An error answer exactly as the server shapes it (docs/api.md). */
function errorAnswer(status: number, code: string, headers: Record<string, string> = {}) {
  const body = { error: { code, message: { hi: `सर्वर: ${code}`, en: `server: ${code}` } } };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function okAnswer(body: SignInResponse) {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

let deviceKey: DeviceKeyPair;
beforeAll(async () => {
  deviceKey = await createDeviceKey();
});

function renderPage(
  options: {
    lang?: Lang;
    fetch?: typeof fetch;
    onSignedIn?: (response: SignInResponse) => Promise<void>;
    deviceId?: string;
    deviceKey?: DeviceKeyPair | null;
    readDevice?: () => Promise<SignInDevice>;
    readiness?: OfflineReadinessTracker;
    onHeadquartersSignedIn?: (headquarters: HeadquartersSignIn) => void;
  } = {},
) {
  const fetchStub = vi.fn(options.fetch ?? (() => Promise.reject(new TypeError('unreachable'))));
  const onSignedIn = vi.fn(options.onSignedIn ?? (() => Promise.resolve()));
  render(
    <LangContext.Provider value={options.lang ?? 'hi'}>
      <SignInPage
        readDevice={
          options.readDevice ??
          (() =>
            Promise.resolve({
              deviceId: options.deviceId ?? 'tablet-1',
              deviceKey: options.deviceKey === undefined ? deviceKey : options.deviceKey,
            }))
        }
        onSignedIn={onSignedIn}
        {...(options.onHeadquartersSignedIn
          ? { onHeadquartersSignedIn: options.onHeadquartersSignedIn }
          : {})}
        client={{ fetch: fetchStub as unknown as typeof fetch }}
        readiness={options.readiness ?? createOfflineReadinessTracker()}
      />
    </LangContext.Provider>,
  );
  return { fetchStub, onSignedIn };
}

function typeCredentials(username: string, password: string) {
  const form = screen.getByTestId('sign-in-page');
  fireEvent.input(form.querySelector('[name="username"]')!, { target: { value: username } });
  fireEvent.input(form.querySelector('[name="password"]')!, { target: { value: password } });
}

function field(name: string): HTMLInputElement {
  return screen.getByTestId('sign-in-page').querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('sign-in screen', () => {
  it.each(['hi', 'en'] as const)(
    'says a wrong password plainly in %s, keeps the username and empties the password',
    async (lang) => {
      const { fetchStub, onSignedIn } = renderPage({
        lang,
        fetch: () => Promise.resolve(errorAnswer(401, 'invalid_credentials')),
      });
      typeCredentials('lko.caseworker', 'wrong-password');
      fireEvent.click(screen.getByTestId('sign-in-submit'));
      const error = await screen.findByTestId('sign-in-error');
      expect(error.textContent).toBe(accountMessages[lang].invalidCredentials);
      expect(field('username').value).toBe('lko.caseworker');
      expect(field('password').value).toBe('');
      expect(fetchStub).toHaveBeenCalledOnce();
      expect(onSignedIn).not.toHaveBeenCalled();
    },
  );

  it.each(['hi', 'en'] as const)(
    'an empty sign-in says in %s what to fill, with its own words, and sends nothing',
    async (lang) => {
      const { fetchStub } = renderPage({ lang });
      const form = screen.getByTestId<HTMLFormElement>('sign-in-page').querySelector('form')!;
      // The browser's own check would speak the browser's language, not the screen's.
      expect(form.noValidate).toBe(true);
      expect(field('username').required).toBe(false);
      fireEvent.click(screen.getByTestId('sign-in-submit'));
      await screen.findByText(accountMessages[lang].usernameRequired);
      screen.getByText(accountMessages[lang].passwordRequired);
      expect(field('username').getAttribute('aria-invalid')).toBe('true');
      expect(fetchStub).not.toHaveBeenCalled();

      fireEvent.input(field('username'), { target: { value: 'lko.caseworker' } });
      fireEvent.click(screen.getByTestId('sign-in-submit'));
      await waitFor(() =>
        expect(screen.queryByText(accountMessages[lang].usernameRequired)).toBeNull(),
      );
      screen.getByText(accountMessages[lang].passwordRequired);
      expect(fetchStub).not.toHaveBeenCalled();
    },
  );

  it('offline: says sign-in needs the internet, sends nothing and keeps what she typed', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { fetchStub } = renderPage();
    expect(screen.getByTestId('sign-in-offline').textContent).toBe(accountMessages.hi.offline);
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    const submit = screen.getByTestId<HTMLButtonElement>('sign-in-submit');
    expect(submit.disabled).toBe(true);
    fireEvent.submit(submit.closest('form')!);
    expect(fetchStub).not.toHaveBeenCalled();

    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(screen.queryByTestId('sign-in-offline')).toBeNull());
    expect(field('username').value).toBe('lko.caseworker');
    expect(submit.disabled).toBe(false);
  });

  it('says when the server cannot be reached, and keeps the username', async () => {
    renderPage({ lang: 'en', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      accountMessages.en.network,
    );
    expect(field('username').value).toBe('lko.caseworker');
  });

  it('after too many attempts names the minutes to wait and holds the button until then', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      renderPage({
        fetch: () =>
          Promise.resolve(errorAnswer(429, 'too_many_attempts', { 'retry-after': '540' })),
      });
      typeCredentials('lko.caseworker', 'sakhi-demo-2026');
      fireEvent.click(screen.getByTestId('sign-in-submit'));
      const error = await screen.findByTestId('sign-in-error');
      expect(error.textContent).toContain('9 मिनट');
      const submit = screen.getByTestId<HTMLButtonElement>('sign-in-submit');
      expect(submit.disabled).toBe(true);
      await vi.advanceTimersByTimeAsync(540_000);
      expect(submit.disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('after too many new tablets names the hours to wait and leaves the button on for a colleague', async () => {
    renderPage({
      fetch: () =>
        Promise.resolve(errorAnswer(429, 'too_many_new_devices', { 'retry-after': '7000' })),
    });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    const error = await screen.findByTestId('sign-in-error');
    expect(error.textContent).toBe(accountMessages.hi.tooManyNewDevices.replace('{hours}', '2'));
    expect(screen.getByTestId<HTMLButtonElement>('sign-in-submit').disabled).toBe(false);
  });

  it.each([
    ['account_disabled', 401, 'accountDisabled'],
    ['device_revoked', 403, 'deviceRevoked'],
    ['device_key_mismatch', 403, 'deviceKeyMismatch'],
    ['bad_device_signature', 401, 'deviceKeyMismatch'],
    ['device_other_centre', 409, 'deviceOtherCentre'],
  ] as const)('explains %s in both languages', async (code, status, key) => {
    renderPage({ lang: 'en', fetch: () => Promise.resolve(errorAnswer(status, code)) });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(accountMessages.en[key]);
  });

  it('sends nothing without a device key, and says the app must be reopened', async () => {
    const { fetchStub } = renderPage({ deviceKey: null });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      accountMessages.hi.noDeviceKey,
    );
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('sent before the store has loaded, waits for it and then signs in as this tablet', async () => {
    let deliverDevice: (device: SignInDevice) => void = () => undefined;
    const device = new Promise<SignInDevice>((resolve) => (deliverDevice = resolve));
    const answer = sampleSignInResponse({ deviceId: 'tablet-late', tag: 'K7' });
    const { fetchStub, onSignedIn } = renderPage({
      readDevice: () => device,
      fetch: () => Promise.resolve(okAnswer(answer)),
    });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('sign-in-submit').textContent).toBe(accountMessages.hi.signingIn),
    );
    expect(fetchStub).not.toHaveBeenCalled();
    deliverDevice({ deviceId: 'tablet-late', deviceKey });
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    const [, init] = fetchStub.mock.calls[0]! as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toMatchObject({ deviceId: 'tablet-late' });
  });

  it("says the link failed when the store's code did not arrive, and asks again on the next try", async () => {
    const readDevice = vi
      .fn<() => Promise<SignInDevice>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ deviceId: 'tablet-1', deviceKey });
    const { fetchStub } = renderPage({
      readDevice,
      fetch: () => Promise.resolve(errorAnswer(401, 'invalid_credentials')),
    });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      accountMessages.hi.network,
    );
    expect(fetchStub).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(1));
    expect(readDevice).toHaveBeenCalledTimes(2);
  });

  it('says what went wrong when the store would not open', async () => {
    const refused = new StoreError('storage_full', { hi: 'जगह भर गई', en: 'Storage is full' });
    const { fetchStub } = renderPage({ readDevice: () => Promise.reject(refused) });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('जगह भर गई');
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it("shows the server's own message for anything else", async () => {
    renderPage({ fetch: () => Promise.resolve(errorAnswer(503, 'database_unavailable')) });
    typeCredentials('lko.caseworker', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      'सर्वर: database_unavailable',
    );
  });

  it('refuses a headquarters account on a tablet and ends the session it opened', async () => {
    const { fetchStub, onSignedIn } = renderPage({
      fetch: (input) =>
        Promise.resolve(
          (input as string).endsWith('/sign-out')
            ? new Response('{}', { status: 200 })
            : okAnswer(headquartersSignInResponse()),
        ),
    });
    typeCredentials('state.admin', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe(
      accountMessages.hi.headquartersAccount,
    );
    expect(onSignedIn).not.toHaveBeenCalled();
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(2));
    expect(fetchStub.mock.calls[1]![0]).toBe('/api/auth/sign-out');
  });

  it('opens the headquarters reports for a state account, keeping her session open', async () => {
    const onHeadquartersSignedIn = vi.fn();
    const answer = headquartersSignInResponse();
    const { fetchStub, onSignedIn } = renderPage({
      fetch: () => Promise.resolve(okAnswer(answer)),
      onHeadquartersSignedIn,
    });
    typeCredentials('state.admin', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(onHeadquartersSignedIn).toHaveBeenCalledOnce());
    // Her token and who she is; never the data key, which opens a centre's cases.
    expect(onHeadquartersSignedIn).toHaveBeenCalledWith({
      token: answer.token,
      userId: answer.user.id,
      displayName: answer.user.displayName,
      role: 'state_admin',
    });
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('sign-in-error')).toBeNull();
  });

  it('on success keeps the session on the tablet (never the password)', async () => {
    const databaseName = `sakhi-sign-in-${Date.now()}`;
    const tablet = await openTablet({ databaseName });
    const answer = sampleSignInResponse({ deviceId: tablet.deviceId, tag: 'K7' });
    let opened = false;
    const { fetchStub } = renderPage({
      deviceId: tablet.deviceId,
      fetch: () => Promise.resolve(okAnswer(answer)),
      onSignedIn: async (response) => {
        await tablet.openWithSignIn(response, '482915');
        opened = true;
      },
    });
    typeCredentials('  lko.caseworker ', 'sakhi-demo-2026');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(opened).toBe(true));

    const [url, init] = fetchStub.mock.calls[0]! as [string, RequestInit];
    expect(url).toBe('/api/auth/sign-in');
    const body = JSON.parse(init.body as string) as Record<string, unknown>;
    expect(body).toEqual({
      username: 'lko.caseworker',
      password: 'sakhi-demo-2026',
      deviceId: tablet.deviceId,
      devicePublicKey: deviceKey.publicJwk,
      deviceSignature: expect.any(String) as unknown,
      withCentreDetails: true,
    });
    const signed = new TextEncoder().encode(`sakhi-sign-in-v1\n${tablet.deviceId}\nlko.caseworker`);
    const publicKey = createPublicKey({ key: { ...deviceKey.publicJwk }, format: 'jwk' });
    const signature = decodeBase64url(body.deviceSignature as string)!;
    expect(verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
    tablet.lock();
    const local = await openLocalStore({ databaseName });
    // Sealed: without the data key the session is not there to read.
    expect(await local.readSession()).toBeNull();
    const unsealed = await local.unseal(decodeBase64url(answer.dataKey)!);
    const session = await unsealed.readSession();
    expect(session?.token).toBe(answer.token);
    expect(session?.deviceTag).toBe('K7');
    // The centre's staff and address are kept sealed with her session.
    expect(session?.centreDetails).toEqual(answer.centreDetails);
    expect(JSON.stringify(session)).not.toContain('sakhi-demo-2026');
    expect(JSON.stringify(session)).not.toContain(answer.dataKey);
    unsealed.lock();
    local.close();
    // Reopened, the tablet is locked until her PIN opens it as her.
    const reopened = await openTablet({ databaseName });
    expect(reopened.opensLocked).toBe(true);
    const unlocked = await reopened.unlockWithPin(answer.user.id, '482915');
    expect(unlocked.outcome).toBe('unlocked');
    expect(reopened.stores?.staff).toMatchObject({ userId: answer.user.id, districtCode: 'LKO' });
    // Letters print the centre's address and phone; colleagues are named and assignable.
    expect(reopened.stores?.centre).toMatchObject({ address: answer.centreDetails?.address });
    expect(reopened.stores?.centreStaff).toEqual(answer.centreDetails?.staff);
    const names = await reopened.stores?.readStaffNames();
    expect(names?.get(testStaff.manager.userId)).toBe(testStaff.manager.displayName);
  });
});

describe('SignInPage offline promise', () => {
  afterEach(cleanup);

  it('promises offline use only once every file of the app is on the tablet', async () => {
    const readiness = createOfflineReadinessTracker();
    renderPage({ readiness, lang: 'en' });
    const promise = accountMessages.en.offlinePromise;
    expect(screen.getByTestId('sign-in-page').textContent).not.toContain(promise);
    expect(screen.queryByTestId('offline-ready')).toBeNull();

    readiness.preparing();
    readiness.progressed({ type: precacheProgressType, done: 12, total: 51 });
    expect((await screen.findByTestId('offline-preparing')).textContent).toBe(
      'Preparing for offline use — 12 of 51',
    );
    expect(screen.getByTestId('sign-in-page').textContent).not.toContain(promise);

    readiness.ready();
    expect((await screen.findByTestId('offline-ready')).textContent).toBe('Ready to work offline');
    expect(screen.getByTestId('offline-promise').textContent).toContain(promise);
  });
});
