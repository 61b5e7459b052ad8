import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleIntake } from '../data/case-store.testing.ts';
import { openLocalStore } from '../data/local-store.ts';
import { testDataKey } from '../data/sealed-database.testing.ts';
import { sessionFromSignIn, staffOfSession } from '../data/session.ts';
import { destroyHeadquartersVault } from '../data/headquarters-vault.ts';
import { headquartersSignInResponse, sampleSignInResponse } from '../data/session.testing.ts';
import { buildAnswer } from '../features/reports/report-fixtures.testing.ts';
import { accountMessages } from '../i18n/messages-account.ts';
import { appMessages } from '../i18n/messages.ts';
import { openTablet, type Tablet } from '../shell/open-stores.ts';
import { useUnsavedInput } from '../shell/unsaved-input.ts';
import { App } from './App.tsx';
import { choosePin, signIn } from './app-steps.testing.ts';
import { holdRequests, pageWithAnotherTabletsCase, settle } from './held-server.testing.ts';
import { createUpdateSignal } from './update-signal.ts';

let databaseCount = 0;

/** A tablet over its own fake-indexeddb database, optionally signed in with a case or more. */
async function prepareTablet(
  options: { signedIn?: boolean; caseNames?: readonly string[] } = {},
): Promise<{ open: () => Promise<Tablet>; databaseName: string; caseIds: string[] }> {
  const databaseName = `sakhi-app-${Date.now()}-${++databaseCount}`;
  const local = await openLocalStore({ databaseName });
  const caseIds: string[] = [];
  if (options.signedIn) {
    const response = sampleSignInResponse({ deviceId: local.device.id });
    const session = sessionFromSignIn(response);
    const unsealed = await local.unseal(testDataKey);
    await unsealed.startSession(session, Date.now());
    const cases = unsealed.caseStore(staffOfSession(session)!, session.deviceTag);
    for (const survivorName of options.caseNames ?? []) {
      caseIds.push((await cases.registerCase(sampleIntake({ survivorName }))).id);
    }
    unsealed.lock();
  }
  local.close();
  return {
    open: () => openTablet({ databaseName, dataKey: testDataKey }),
    databaseName,
    caseIds,
  };
}

/** The server, as `fetch` sees it: health says demo or not; sign-in and sign-out answer. */
function stubServer(options: {
  isDemo: boolean;
  deviceId?: () => string;
  isHeadquarters?: boolean;
}) {
  const calls: string[] = [];
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  // The app always calls fetch with a path and, for sign-in, a JSON string body.
  const stub = vi.fn((url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === '/api/health') {
      return Promise.resolve(
        json({
          status: 'ok',
          db: 'sqlite',
          protocolVersion: 2,
          serverTime: new Date().toISOString(),
          demo: options.isDemo,
          version: '0.1.0',
        }),
      );
    }
    if (url === '/api/auth/sign-in') {
      const { deviceId } = JSON.parse(init?.body as string) as { deviceId: string };
      return Promise.resolve(
        json(
          options.isHeadquarters
            ? headquartersSignInResponse()
            : sampleSignInResponse({ deviceId }),
        ),
      );
    }
    if (url.startsWith('/api/reports/indicators?')) {
      return Promise.resolve(json(buildAnswer()));
    }
    if (url === '/api/auth/sign-out') {
      return Promise.resolve(json({ signedOut: true, serverTime: new Date().toISOString() }));
    }
    return Promise.reject(new TypeError(`no route ${url}`));
  });
  vi.stubGlobal('fetch', stub);
  return calls;
}

beforeEach(async () => {
  await destroyHeadquartersVault();
  localStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('app frame', () => {
  it('asks a new tablet to sign in, then opens the case list as her, labelled demo by the server', async () => {
    const calls = stubServer({ isDemo: true });
    const tablet = await prepareTablet();
    // A new tablet: no data key until headquarters sends one with the sign-in.
    const open = () => openTablet({ databaseName: tablet.databaseName });
    render(<App openTablet={open} />);
    await screen.findByTestId('sign-in-page');
    expect(screen.queryByTestId('nav-cases')).toBeNull();
    expect(screen.queryByTestId('sign-out')).toBeNull();
    signIn();

    // Nothing opens before she has chosen the PIN that opens this tablet from now on.
    await screen.findByTestId('set-pin-page');
    expect(screen.queryByTestId('new-case')).toBeNull();
    choosePin();

    expect(await screen.findByTestId('new-case', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId('staff-name').textContent).toBe(
      sampleSignInResponse().user.displayName,
    );
    expect(screen.getByTestId('demo-label').textContent).toBe(appMessages.hi.demo);
    expect(calls).toContain('POST /api/auth/sign-in');

    // The next start opens locked, offline, and her PIN alone opens the case list.
    cleanup();
    render(<App openTablet={open} />);
    const unlock = await screen.findByTestId('unlock-page');
    expect(screen.queryByTestId('new-case')).toBeNull();
    expect(screen.queryByTestId('sign-in-page')).toBeNull();
    fireEvent.input(unlock.querySelector('[name="pin"]')!, { target: { value: '482915' } });
    fireEvent.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByTestId('new-case', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('drops a remembered demo label once the server says it is not a demo', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true });
    const local = await openLocalStore({ databaseName: tablet.databaseName });
    await local.rememberServerIsDemo(true);
    render(<App openTablet={tablet.open} />);
    await screen.findByTestId('new-case');
    await waitFor(() => expect(screen.queryByTestId('demo-label')).toBeNull());
    await waitFor(async () => expect(await local.readServerIsDemo()).toBe(false));
    local.close();
  });

  it('opens offline as whoever signed in last, with the demo label it remembered', async () => {
    stubServer({ isDemo: true });
    const tablet = await prepareTablet({ signedIn: true });
    const local = await openLocalStore({ databaseName: tablet.databaseName });
    await local.rememberServerIsDemo(true);
    local.close();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    render(<App openTablet={tablet.open} />);
    expect(await screen.findByTestId('new-case')).toBeTruthy();
    expect(await screen.findByTestId('demo-label')).toBeTruthy();
    expect(vi.mocked(fetch)).not.toHaveBeenCalled();
  });

  it('signs out after asking, keeps every case and waiting change, and shows the sign-in screen', async () => {
    const calls = stubServer({ isDemo: true });
    const tablet = await prepareTablet({ signedIn: true, caseNames: ['गीता'] });
    render(<App openTablet={tablet.open} />);
    await screen.findByTestId('new-case');
    fireEvent.click(screen.getByTestId('sign-out'));
    expect(screen.getByText(appMessages.hi.signOutQuestion)).toBeTruthy();
    fireEvent.click(screen.getByTestId('sign-out-confirm'));

    await screen.findByTestId('sign-in-page');
    expect(screen.queryByTestId('staff-name')).toBeNull();
    await waitFor(() => expect(calls).toContain('POST /api/auth/sign-out'));
    const local = await openLocalStore({ databaseName: tablet.databaseName });
    const unsealed = await local.unseal(testDataKey);
    expect(await unsealed.readSession()).toBeNull();
    const cases = unsealed.caseStore(sampleStaff(), 'K7');
    expect(await cases.countPendingChanges()).toBe(1);
    expect((await cases.getCaseFile(tablet.caseIds[0]!))?.case.survivorName).toBe('गीता');
    local.close();
  });

  it('stops her sync before it forgets her session: the pull in flight is cancelled, and its late answer stores nothing', async () => {
    const calls = stubServer({ isDemo: false });
    const server = holdRequests(['/api/sync/pull'], vi.mocked(fetch).getMockImplementation());
    vi.mocked(fetch).mockImplementation((input, init) => server.fetch(input as string, init));
    const tablet = await prepareTablet({ signedIn: true });
    render(<App openTablet={tablet.open} />);
    const pull = await server.nextRequest('/api/sync/pull');

    fireEvent.click(await screen.findByTestId('sign-out'));
    fireEvent.click(screen.getByTestId('sign-out-confirm'));
    await screen.findByTestId('sign-in-page');
    await waitFor(() => expect(calls).toContain('POST /api/auth/sign-out'));
    // Cancelled before the sign-out went to the server, which comes after her session and
    // her key are gone from the tablet.
    expect(server.events).toEqual(['POST /api/sync/pull', 'abort /api/sync/pull']);
    pull.answer(pageWithAnotherTabletsCase());
    await settle();

    const local = await openLocalStore({ databaseName: tablet.databaseName });
    expect(await local.database.cases.count()).toBe(0);
    local.close();
  });

  it('opens the state dashboard for a headquarters account, with no case on the tablet', async () => {
    const calls = stubServer({ isDemo: false, isHeadquarters: true });
    const tablet = await prepareTablet();
    render(<App openTablet={() => openTablet({ databaseName: tablet.databaseName })} />);
    await screen.findByTestId('sign-in-page');
    signIn('state.admin');

    // Her PIN seals her session and the copies kept for her; no data key is asked for.
    await screen.findByTestId('set-pin-page');
    expect(screen.queryByTestId('district-table')).toBeNull();
    choosePin('480317');

    expect(await screen.findByTestId('district-table', {}, { timeout: 5000 })).toBeTruthy();
    expect(location.pathname).toBe('/state');
    expect(screen.getByTestId('nav-state-dashboard')).toBeTruthy();
    expect(screen.queryByTestId('nav-cases')).toBeNull();
    expect(calls.some((call) => call.startsWith('GET /api/reports/indicators?'))).toBe(true);
    expect(calls.some((call) => call.startsWith('GET /api/sync'))).toBe(false);

    // A reload: her PIN, not her password, opens the dashboard again.
    cleanup();
    render(<App openTablet={() => openTablet({ databaseName: tablet.databaseName })} />);
    const unlock = await screen.findByTestId('unlock-page');
    expect(screen.queryByTestId('sign-in-page')).toBeNull();
    fireEvent.input(unlock.querySelector('[name="pin"]')!, { target: { value: '480317' } });
    fireEvent.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByTestId('district-table', {}, { timeout: 5000 })).toBeTruthy();
    expect(calls.filter((call) => call === 'POST /api/auth/sign-in')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('sign-out'));
    fireEvent.click(screen.getByTestId('sign-out-confirm'));
    await screen.findByTestId('sign-in-page');
    await waitFor(() => expect(calls).toContain('POST /api/auth/sign-out'));
    // Signed out, her PIN opens nothing: the next reload asks for a password.
    cleanup();
    render(<App openTablet={() => openTablet({ databaseName: tablet.databaseName })} />);
    await screen.findByTestId('sign-in-page');
    expect(location.pathname).toBe('/');
  });

  it('warns before an offline sign-out that signing in again needs the internet', async () => {
    stubServer({ isDemo: false });
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const tablet = await prepareTablet({ signedIn: true });
    render(<App openTablet={tablet.open} />);
    await screen.findByTestId('new-case');
    fireEvent.click(screen.getByTestId('sign-out'));
    expect(screen.getByTestId('sign-out-offline').textContent).toBe(appMessages.hi.signOutOffline);
    fireEvent.click(screen.getByTestId('sign-out-confirm'));
    await screen.findByTestId('sign-in-page');
    expect(screen.getByTestId('sign-in-offline').textContent).toBe(accountMessages.hi.offline);
    expect(vi.mocked(fetch)).not.toHaveBeenCalled();
  });

  it('counts changes waiting to go up', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true, caseNames: ['सुनीता देवी'] });
    render(<App openTablet={tablet.open} />);
    const pending = await screen.findByTestId('pending-changes');
    await waitFor(() => expect(pending.textContent).toBe(appMessages.hi.pendingChangesOne));
  });

  it('never says "All changes sent" while headquarters refuses a change, and links to the sync page', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true, caseNames: ['सुनीता देवी'] });
    const answer = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body)));
    const serverTime = new Date().toISOString();
    const serverFetch = vi.mocked(fetch).getMockImplementation()!;
    vi.mocked(fetch).mockImplementation((input, init) => {
      const url = input as string;
      if (!url.startsWith('/api/sync/')) return serverFetch(input, init);
      if (url === '/api/sync/push') {
        const body = new TextDecoder().decode(init?.body as Uint8Array);
        const { groups } = JSON.parse(body) as { groups: { mutationIds: string[] }[] };
        const refused = groups.flatMap((group) => group.mutationIds);
        return answer({
          serverTime,
          applied: 0,
          duplicates: [],
          rejected: refused.map((mutationId) => ({
            mutationId,
            status: 'rejected',
            code: 'forbidden',
            reason: { hi: 'अनुमति नहीं', en: 'Not allowed' },
          })),
        });
      }
      return answer({ serverTime, groups: [], cursor: null, hasMore: false });
    });
    vi.stubGlobal('CompressionStream', undefined);

    render(<App openTablet={tablet.open} />);
    await waitFor(() =>
      expect(screen.getByTestId('pending-changes').textContent).toBe(
        appMessages.hi.refusedChangesOne,
      ),
    );
    await waitFor(() => expect(screen.getByTestId('last-sync').textContent).toMatch(/^अंतिम सिंक: /));
    expect(screen.getByTestId('pending-changes').textContent).not.toBe(
      appMessages.hi.noPendingChanges,
    );
    expect(screen.getByTestId('sync-attention').getAttribute('href')).toBe('/sync');
    expect(screen.getByTestId('nav-sync').getAttribute('href')).toBe('/sync');
  });

  it('syncs on start, shows when, and returns to sign-in keeping every case when the session has ended', async () => {
    const calls = stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true, caseNames: ['सुनीता देवी'] });
    const answer = (status: number, body: unknown) =>
      Promise.resolve(new Response(JSON.stringify(body), { status }));
    const serverTime = new Date().toISOString();
    let isSessionValid = true;
    const serverFetch = vi.mocked(fetch).getMockImplementation()!;
    vi.mocked(fetch).mockImplementation((input, init) => {
      // The app always calls fetch with a path.
      const url = input as string;
      if (!url.startsWith('/api/sync/')) return serverFetch(input, init);
      calls.push(`POST ${url}`);
      if (!isSessionValid) {
        return answer(401, {
          error: { code: 'session_expired', message: { hi: 'सत्र समाप्त', en: 'Session ended' } },
        });
      }
      if (url === '/api/sync/push') {
        // Sent as UTF-8 bytes, uncompressed here (CompressionStream is stubbed away below).
        const body = new TextDecoder().decode(init?.body as Uint8Array);
        const { groups } = JSON.parse(body) as {
          groups: { mutationIds: string[] }[];
        };
        const applied = groups.reduce((sum, group) => sum + group.mutationIds.length, 0);
        return answer(200, { serverTime, applied, duplicates: [], rejected: [] });
      }
      return answer(200, { serverTime, groups: [], cursor: null, hasMore: false });
    });
    vi.stubGlobal('CompressionStream', undefined);

    render(<App openTablet={tablet.open} />);
    await waitFor(() =>
      expect(screen.getByTestId('pending-changes').textContent).toBe(
        appMessages.hi.noPendingChanges,
      ),
    );
    await waitFor(() => expect(screen.getByTestId('last-sync').textContent).toMatch(/^अंतिम सिंक: /));
    expect(calls).toContain('POST /api/sync/push');
    expect(calls).toContain('POST /api/sync/pull');

    // Her session ended on the server: the next run sends her back to sign in.
    isSessionValid = false;
    cleanup();
    render(<App openTablet={tablet.open} />);
    await screen.findByTestId('sign-in-page');
    expect(screen.getByTestId('session-ended').textContent).toBe(appMessages.hi.sessionEnded);
    const local = await openLocalStore({ databaseName: tablet.databaseName });
    expect(await local.readSession()).toBeNull();
    expect(await local.database.cases.count()).toBe(1);
    local.close();
  });

  it('switches to English and remembers it', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true });
    render(<App openTablet={tablet.open} />);
    fireEvent.click(await screen.findByTestId('language-switch'));
    expect(screen.getByTestId('app-title').textContent).toBe('Sakhi');
    expect(document.documentElement.lang).toBe('en');
    cleanup();
    render(<App openTablet={tablet.open} />);
    expect(screen.getByTestId('app-title').textContent).toBe('Sakhi');
  });

  it('opens a deep link to a case', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true, caseNames: ['गीता'] });
    history.replaceState(null, '', `/cases/${tablet.caseIds[0]}`);
    render(<App openTablet={tablet.open} />);
    // The case page's chunk loads on first use; on a busy test machine that can pass 1 s.
    expect((await screen.findByTestId('case-name', {}, { timeout: 5000 })).textContent).toContain(
      'गीता',
    );
  });

  it('keeps the monthly report for the manager and the state pages for headquarters', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true });
    history.replaceState(null, '', '/reports/monthly');
    render(<App openTablet={tablet.open} />);
    expect(await screen.findByText(appMessages.hi.managersOnly)).toBeTruthy();
    expect(screen.queryByTestId('centre-report')).toBeNull();
    cleanup();
    history.replaceState(null, '', '/state');
    render(<App openTablet={tablet.open} />);
    expect(await screen.findByText(appMessages.hi.notFoundTitle)).toBeTruthy();
    expect(screen.queryByTestId('state-reports')).toBeNull();
  });

  it('applies an update only on her word, and not while a form holds input', async () => {
    stubServer({ isDemo: false });
    const tablet = await prepareTablet({ signedIn: true });
    const updates = createUpdateSignal();
    let applied = 0;
    function FormWithInput({ hasInput }: { hasInput: boolean }) {
      useUnsavedInput(hasInput);
      return null;
    }
    const view = render(
      <>
        <App openTablet={tablet.open} updates={updates} />
        <FormWithInput hasInput />
      </>,
    );
    updates.announce(() => applied++);
    const button = await screen.findByTestId<HTMLButtonElement>('apply-update');
    expect(button.disabled).toBe(true);
    expect(screen.getByText(appMessages.hi.updateWaitForForm)).toBeTruthy();
    fireEvent.click(button);
    expect(applied).toBe(0);

    view.rerender(
      <>
        <App openTablet={tablet.open} updates={updates} />
        <FormWithInput hasInput={false} />
      </>,
    );
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('apply-update').disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('apply-update'));
    expect(applied).toBe(1);
  });
});

function sampleStaff() {
  return staffOfSession(sessionFromSignIn(sampleSignInResponse()))!;
}
