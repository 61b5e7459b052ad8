import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { destroyHeadquartersVault } from '../data/headquarters-vault.ts';
import { headquartersSignInResponse, sampleSignInResponse } from '../data/session.testing.ts';
import { openTablet, type Tablet } from '../shell/open-stores.ts';
import { choosePin, signIn } from './app-steps.testing.ts';
import { FirstVisit } from './FirstVisit.tsx';
import { createUpdateSignal } from './update-signal.ts';

let databaseCount = 0;

/** A new tablet's store, opened only when the screen asks, over its own database. */
function newTablet() {
  const databaseName = `sakhi-first-${Date.now()}-${++databaseCount}`;
  return vi.fn(() => openTablet({ databaseName }));
}

/** Sign-in as the server answers it; every request it saw. */
function stubServer(options: { isHeadquarters?: boolean } = {}) {
  const signIns: { deviceId: string }[] = [];
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      if (url === '/api/auth/sign-in') {
        const body = JSON.parse(init?.body as string) as { deviceId: string };
        signIns.push({ deviceId: body.deviceId });
        return Promise.resolve(
          json(
            options.isHeadquarters
              ? headquartersSignInResponse()
              : sampleSignInResponse({ deviceId: body.deviceId }),
          ),
        );
      }
      return Promise.reject(new TypeError(`no route ${url}`));
    }),
  );
  return signIns;
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

describe("a new tablet's first screen", () => {
  it('shows the sign-in form, then the full app carries on from her sign-in: PIN, case list', async () => {
    const signIns = stubServer();
    const open = newTablet();
    const onLinkFree = vi.fn();
    render(<FirstVisit updates={createUpdateSignal()} openTablet={open} onLinkFree={onLinkFree} />);
    expect(screen.getByTestId('sign-in-page')).toBeTruthy();
    expect(screen.getByTestId('language-switch')).toBeTruthy();
    // Nothing typed yet when the store has loaded: the worker's install may take the link.
    await waitFor(() => expect(onLinkFree).toHaveBeenCalled(), { timeout: 10_000 });

    signIn();
    await screen.findByTestId('set-pin-page', {}, { timeout: 5000 });
    expect(screen.queryByTestId('sign-in-page')).toBeNull();
    choosePin();
    expect(await screen.findByTestId('new-case', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId('staff-name').textContent).toBe(
      sampleSignInResponse().user.displayName,
    );
    // One store, opened once: the full app took the tablet this screen had opened.
    expect(open).toHaveBeenCalledTimes(1);
    const tablet = (await open.mock.results[0]!.value) as Tablet;
    expect(signIns).toEqual([{ deviceId: tablet.deviceId }]);
    // Three screens and two key derivations (the PIN's): slow on a busy machine.
  }, 20_000);

  it('takes a sign-in sent before the store has opened, and sends it once the store is there', async () => {
    const signIns = stubServer();
    let openStore: () => void = () => undefined;
    const storeMayOpen = new Promise<void>((resolve) => (openStore = resolve));
    const databaseName = `sakhi-first-late-${Date.now()}`;
    const open = vi.fn(async (): Promise<Tablet> => {
      await storeMayOpen;
      return openTablet({ databaseName });
    });
    const onLinkFree = vi.fn();
    render(<FirstVisit updates={createUpdateSignal()} openTablet={open} onLinkFree={onLinkFree} />);

    signIn();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signIns).toEqual([]);
    expect(screen.getByTestId('sign-in-page')).toBeTruthy();
    openStore();
    await screen.findByTestId('set-pin-page', {}, { timeout: 5000 });
    expect(signIns).toHaveLength(1);
    expect(open).toHaveBeenCalledTimes(1);
    // She typed before the store arrived: the install waited for her sign-in's answer.
    expect(onLinkFree).toHaveBeenCalledTimes(1);
  });

  it("opens a state officer's PIN screen after her sign-in, with no centre's store open", async () => {
    stubServer({ isHeadquarters: true });
    render(<FirstVisit updates={createUpdateSignal()} openTablet={newTablet()} />);
    signIn('up.state');
    await screen.findByTestId('set-pin-page', {}, { timeout: 5000 });
    expect(screen.queryByTestId('new-case')).toBeNull();
    expect(screen.queryByTestId('staff-name')).toBeNull();
  });
});
