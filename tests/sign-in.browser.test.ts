// Sign-in as staff meet it on a new tablet, against the real demo server in real Chromium:
// a wrong password is refused in words she can act on; the right one (and the PIN she then
// chooses) opens the case list as her; from then on the app opens locked, and her PIN alone
// opens it offline, with no network at all; signing out offline keeps every case and
// waiting change (her PIN is forgotten), and signing in again (online) shows them.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../server/services/demo-seed.ts';
import { accountMessages } from '../src/i18n/messages-account.ts';
import { appMessages } from '../src/i18n/messages.ts';
import {
  countOutboxRows,
  demoCaseworker,
  field,
  registerCase,
  signIn,
  submitSignIn,
  unlockWithPin,
  waitForControllingWorker,
  waitForText,
} from './support/case-register-steps.ts';
import { openAppBeforeAll } from './support/open-app.ts';

const caseworker = DEMO_ACCOUNTS.find((account) => account.username === 'lko.caseworker')!;

describe('sign-in in Chromium', () => {
  // Nobody signed in yet: the first test's wrong password is refused on purpose.
  const app = openAppBeforeAll({ allowRefusedSignIn: true });
  let page: Page;
  let outboxAtSignOut: number;
  beforeAll(() => {
    page = app.page;
  });

  it('refuses a wrong password with a plain message, keeping the username', async () => {
    await submitSignIn(page, { username: demoCaseworker.username, password: 'not-the-password' });
    await waitForText(page.getByTestId('sign-in-error'), accountMessages.hi.invalidCredentials);
    const form = page.getByTestId('sign-in-page');
    expect(await field(form, 'username').inputValue()).toBe(demoCaseworker.username);
    expect(await field(form, 'password').inputValue()).toBe('');
    expect(await page.getByTestId('new-case').count()).toBe(0);
  });

  it('signs in with the right password and opens the case list as her, labelled demo', async () => {
    await signIn(page);
    await waitForText(page.getByTestId('staff-name'), caseworker.displayName);
    await waitForText(page.getByTestId('demo-label'), appMessages.hi.demo);
    expect(await page.getByTestId('sign-in-page').count()).toBe(0);
  });

  it('after going offline, a reload opens locked, and her PIN alone opens the app as her', async () => {
    await waitForControllingWorker(page);
    await app.browser.context.setOffline(true);
    await page.reload();
    await waitForText(page.getByTestId('network-status'), appMessages.hi.offline);
    await page.getByTestId('unlock-page').waitFor();
    expect(await page.getByTestId('staff-name').count()).toBe(0);
    await unlockWithPin(page);
    await page.getByTestId('new-case').waitFor();
    await waitForText(page.getByTestId('staff-name'), caseworker.displayName);
    // Remembered from the server's health answer while online.
    await page.getByTestId('demo-label').waitFor();
    expect(await page.getByTestId('sign-in-page').count()).toBe(0);
  });

  it('signs out offline after warning her, and keeps the case and its waiting changes', async () => {
    await registerCase(page, { name: 'सुनीता देवी', phone: '9876543210' });
    outboxAtSignOut = await countOutboxRows(page);
    expect(outboxAtSignOut).toBeGreaterThanOrEqual(1);

    await page.getByTestId('sign-out').click();
    await waitForText(page.getByTestId('sign-out-offline'), appMessages.hi.signOutOffline);
    await page.getByTestId('sign-out-confirm').click();
    // Signed out, her PIN no longer opens this tablet: a password sign-in, which needs the internet.
    await waitForText(page.getByTestId('sign-in-offline'), accountMessages.hi.offline);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('sign-in-submit').isDisabled()).toBe(true);
    expect(await countOutboxRows(page)).toBe(outboxAtSignOut);

    await page.reload();
    await page.getByTestId('sign-in-page').waitFor();
    expect(await page.getByTestId('unlock-page').count()).toBe(0);
    expect(await page.getByTestId('staff-name').count()).toBe(0);
  });

  it('back online, signing in again (and a new PIN) shows the case she saved before signing out', async () => {
    await app.browser.context.setOffline(false);
    // The app hears the network is back a moment later; a sign-in sent before that is
    // answered "needs the internet" (she would tap again), so wait for what she would see.
    await waitForText(page.getByTestId('network-status'), appMessages.hi.online);
    await signIn(page);
    await page.getByTestId('case-row').filter({ hasText: 'सुनीता देवी' }).waitFor();
  });

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
