import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleIntake } from '../data/case-store.testing.ts';
import { openLocalStore } from '../data/local-store.ts';
import { sessionFromSignIn, staffOfSession } from '../data/session.ts';
import { sampleSignInResponse } from '../data/session.testing.ts';
import type { Role } from '../domain/vocabularies-staff.ts';
import type { Unlock } from '../features/unlock/lock-ports.ts';
import { appMessages } from '../i18n/messages.ts';
import { openTablet } from '../shell/open-stores.ts';
import { paths } from '../shell/router.ts';
import { App } from './App.tsx';
import type { AppLockPorts } from './use-app-lock.ts';

const survivorName = 'ज़ेबुन्निसा';
let databaseCount = 0;

/** A tablet signed in as `role`, holding one case. */
async function prepareTablet(role: Role = 'caseworker') {
  const databaseName = `sakhi-app-lock-${Date.now()}-${++databaseCount}`;
  const local = await openLocalStore({ databaseName });
  const response = sampleSignInResponse({ deviceId: local.device.id });
  const session = sessionFromSignIn({ ...response, user: { ...response.user, role } });
  await local.startSession(session, Date.now());
  const cases = local.caseStore(staffOfSession(session)!, session.deviceTag);
  await cases.registerCase(sampleIntake({ survivorName }));
  local.close();
  return () => openTablet({ databaseName });
}

function lockPorts(overrides: Partial<AppLockPorts> = {}): AppLockPorts {
  return {
    startsLocked: false,
    idleMinutes: 5,
    listEnrolledStaff: () => Promise.resolve([{ userId: 'u-asha', displayName: 'Asha Verma' }]),
    unlock: vi.fn<Unlock>(() => Promise.resolve({ outcome: 'unlocked' })),
    lock: vi.fn(),
    changePin: () => Promise.resolve({ outcome: 'unlocked' }),
    checkPin: () => null,
    ...overrides,
  };
}

function typePin(pin: string) {
  const input = screen.getByTestId('unlock-page').querySelector<HTMLInputElement>('[name="pin"]')!;
  fireEvent.input(input, { target: { value: pin } });
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
  it('"Switch user" locks at once: only the unlock screen, no case anywhere in the page', async () => {
    const ports = lockPorts();
    render(<App openTablet={await prepareTablet()} lock={ports} />);
    expect(await screen.findByText(survivorName)).toBeTruthy();
    history.replaceState(null, '', paths.today);

    fireEvent.click(screen.getByTestId('switch-user'));
    await screen.findByTestId('unlock-page');
    expect(ports.lock).toHaveBeenCalledOnce();
    expect(document.body.textContent).not.toContain(survivorName);
    expect(screen.queryByTestId('staff-name')).toBeNull();
    expect(screen.queryByTestId('nav-cases')).toBeNull();
    expect(screen.queryByTestId('pending-changes')).toBeNull();
    expect(location.pathname).toBe(paths.cases);

    typePin('580214');
    fireEvent.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByText(survivorName)).toBeTruthy();
    expect(ports.unlock).toHaveBeenCalledWith('u-asha', '580214');
  });

  it('opens locked when the tablet has PINs: the case list never renders', async () => {
    render(<App openTablet={await prepareTablet()} lock={lockPorts({ startsLocked: true })} />);
    await screen.findByTestId('unlock-page');
    expect(document.body.textContent).not.toContain(survivorName);
  });

  it('a wrong PIN keeps it locked', async () => {
    const unlock = vi.fn<Unlock>(() => Promise.resolve({ outcome: 'wrong_pin', attemptsLeft: 9 }));
    render(
      <App openTablet={await prepareTablet()} lock={lockPorts({ startsLocked: true, unlock })} />,
    );
    await screen.findByTestId('unlock-page');
    typePin('111222');
    fireEvent.click(screen.getByTestId('unlock-submit'));
    await screen.findByTestId('unlock-error');
    expect(document.body.textContent).not.toContain(survivorName);
  });

  it('without PINs (no lock given) offers neither "Switch user" nor a PIN to change', async () => {
    render(<App openTablet={await prepareTablet()} />);
    await screen.findByText(survivorName);
    expect(screen.queryByTestId('switch-user')).toBeNull();
    expect(screen.queryByTestId('nav-change-pin')).toBeNull();
  });

  it('offers "Change PIN" in the menu, and opens it', async () => {
    history.replaceState(null, '', paths.changePin);
    render(<App openTablet={await prepareTablet()} lock={lockPorts()} />);
    expect(await screen.findByTestId('change-pin-page')).toBeTruthy();
    expect(screen.getByTestId('nav-change-pin').getAttribute('href')).toBe(paths.changePin);
  });

  it.each([
    ['manager', true],
    ['caseworker', false],
  ] as const)('the Tablets screen is in the menu of a %s: %s', async (role, isOffered) => {
    render(<App openTablet={await prepareTablet(role)} />);
    await screen.findByText(survivorName);
    expect(screen.queryByTestId('nav-tablets') !== null).toBe(isOffered);
    if (!isOffered) return;
    expect(screen.getByTestId('nav-tablets').textContent).toBe(appMessages.hi.navTablets);
    expect(screen.getByTestId('nav-tablets').getAttribute('href')).toBe(paths.tablets);
  });

  it('opens the Tablets screen at its address', async () => {
    history.replaceState(null, '', paths.tablets);
    render(<App openTablet={await prepareTablet('manager')} />);
    expect(await screen.findByTestId('tablets-page')).toBeTruthy();
  });
});
