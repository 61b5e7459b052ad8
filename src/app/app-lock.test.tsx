// The lock as the app shows it, over a real sealed store and key vault (fake-indexeddb):
// a tablet with PINs opens locked and renders no case until a PIN opens it; "Switch user"
// locks at once; a wrong PIN keeps it locked; the menu offers what her role may use.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleIntake } from '../data/case-store.testing.ts';
import { openKeyVault } from '../data/key-vault.ts';
import { openLocalStore } from '../data/local-store.ts';
import { wipeTablet } from '../data/wipe-tablet.ts';
import { testDataKey } from '../data/sealed-database.testing.ts';
import { sessionFromSignIn, staffOfSession } from '../data/session.ts';
import { sampleSignInResponse } from '../data/session.testing.ts';
import type { Role } from '../domain/vocabularies-staff.ts';
import { appMessages } from '../i18n/messages.ts';
import { openTablet } from '../shell/open-stores.ts';
import { paths } from '../shell/router.ts';
import { App } from './App.tsx';

const survivorName = 'ज़ेबुन्निसा';
const pin = '580214';
let databaseCount = 0;

/** A tablet where `role` signed in, set her PIN and registered one case; it opens locked. */
async function prepareTablet(role: Role = 'caseworker') {
  const databaseName = `sakhi-app-lock-${Date.now()}-${++databaseCount}`;
  const local = await openLocalStore({ databaseName });
  const response = sampleSignInResponse({ deviceId: local.device.id });
  const session = sessionFromSignIn({ ...response, user: { ...response.user, role } });
  const unsealed = await local.unseal(testDataKey);
  await unsealed.startSession(session, Date.now());
  const cases = unsealed.caseStore(staffOfSession(session)!, session.deviceTag);
  await cases.registerCase(sampleIntake({ survivorName }));
  unsealed.lock();
  const { user } = session;
  await openKeyVault(local.database, { iterations: 1_000 }).enrol(
    {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      centreId: user.centreId,
    },
    pin,
    testDataKey,
  );
  local.close();
  return { userId: user.id, databaseName, open: () => openTablet({ databaseName }) };
}

function typePin(value: string) {
  const input = screen.getByTestId('unlock-page').querySelector<HTMLInputElement>('[name="pin"]')!;
  fireEvent.input(input, { target: { value } });
}

async function unlockWithPin() {
  await screen.findByTestId('unlock-page');
  typePin(pin);
  fireEvent.click(screen.getByTestId('unlock-submit'));
  expect(await screen.findByText(survivorName, {}, { timeout: 5000 })).toBeTruthy();
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
  // Offline: these tests are about what the tablet shows, not what it sends.
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('offline'))),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('app lock', () => {
  it('opens locked when the tablet has PINs: no case, no name, no menu until her PIN', async () => {
    const tablet = await prepareTablet();
    render(<App openTablet={tablet.open} />);
    await screen.findByTestId('unlock-page');
    expect(document.body.textContent).not.toContain(survivorName);
    expect(screen.queryByTestId('staff-name')).toBeNull();
    expect(screen.queryByTestId('nav-cases')).toBeNull();
    await unlockWithPin();
  });

  it('"Switch user" locks at once: only the unlock screen, no case anywhere in the page', async () => {
    const tablet = await prepareTablet();
    render(<App openTablet={tablet.open} />);
    await unlockWithPin();
    history.replaceState(null, '', paths.today);

    fireEvent.click(screen.getByTestId('switch-user'));
    await screen.findByTestId('unlock-page');
    expect(document.body.textContent).not.toContain(survivorName);
    expect(screen.queryByTestId('staff-name')).toBeNull();
    expect(screen.queryByTestId('pending-changes')).toBeNull();
    expect(location.pathname).toBe(paths.cases);
    await unlockWithPin();
  });

  it('a wrong PIN keeps it locked and says how many tries are left', async () => {
    const tablet = await prepareTablet();
    render(<App openTablet={tablet.open} />);
    await screen.findByTestId('unlock-page');
    typePin('111222');
    fireEvent.click(screen.getByTestId('unlock-submit'));
    const error = await screen.findByTestId('unlock-error', {}, { timeout: 5000 });
    expect(error.textContent).toContain('9');
    expect(document.body.textContent).not.toContain(survivorName);
  });

  it('offers "Change PIN" in the menu, and opens it', async () => {
    const tablet = await prepareTablet();
    render(<App openTablet={tablet.open} />);
    await unlockWithPin();
    history.replaceState(null, '', paths.changePin);
    dispatchEvent(new PopStateEvent('popstate'));
    expect(await screen.findByTestId('change-pin-page')).toBeTruthy();
    expect(screen.getByTestId('nav-change-pin').getAttribute('href')).toBe(paths.changePin);
  });

  it.each([
    ['manager', true],
    ['caseworker', false],
  ] as const)('the Tablets screen is in the menu of a %s: %s', async (role, isOffered) => {
    const tablet = await prepareTablet(role);
    render(<App openTablet={tablet.open} />);
    await unlockWithPin();
    expect(screen.queryByTestId('nav-tablets') !== null).toBe(isOffered);
    if (!isOffered) return;
    expect(screen.getByTestId('nav-tablets').textContent).toBe(appMessages.hi.navTablets);
    expect(screen.getByTestId('nav-tablets').getAttribute('href')).toBe(paths.tablets);
  });
});

describe('a tablet erased by headquarters', () => {
  it('opens on the notice, counting what could not be sent, then starts afresh with a new device id', async () => {
    const tablet = await prepareTablet();
    const before = await tablet.open();
    const local = await openLocalStore({ databaseName: tablet.databaseName });
    await wipeTablet(local.database);
    local.close();

    render(<App openTablet={tablet.open} />);
    const notice = await screen.findByTestId('tablet-erased-page');
    // The case it held was waiting to go up: the notice says one change was lost.
    expect(screen.getByTestId('tablet-erased-unsent').textContent).toContain('1');
    expect(notice.textContent).not.toContain(survivorName);
    fireEvent.click(screen.getByTestId('tablet-erased-sign-in'));
    await screen.findByTestId('sign-in-page');
    const after = await tablet.open();
    expect(after.deviceId).not.toBe(before.deviceId);
    expect(after.opensLocked).toBe(false);
  });
});
