// The console in Chromium against the real demo server. The Lucknow manager, from her menu,
// revokes a caseworker's tablet, disables the nurse's account (the nurse is then refused at
// sign-in, in words) and resets the counsellor's password (the counsellor signs in with the
// new one on another tablet); the Audit log then names each of those acts, in Hindi and in
// English.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { accountMessages } from '../src/i18n/messages-account.ts';
import { auditMessages } from '../src/i18n/messages-audit.ts';
import { staffMessages } from '../src/i18n/messages-staff.ts';
import { tabletsMessages } from '../src/i18n/messages-tablets.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import {
  field,
  signIn,
  submitSignIn,
  switchLanguageTo,
  waitForText,
} from './support/case-register-steps.ts';
import { signedDeviceFields } from './support/device-keys.ts';
import { watchForPageProblems } from './support/page-problems.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const accountOf = (username: string) =>
  DEMO_ACCOUNTS.find((account) => account.username === username)!;
const manager = accountOf('lko.manager');
const caseworker = accountOf('lko.caseworker');
const nurse = accountOf('lko.nurse');
const counsellor = accountOf('lko.counsellor');
const newPassword = 'Monsoon-Kettle-4827-river';

describe('the console in Chromium', () => {
  let server: TestServer;
  let managerTablet: LaunchedChromium;
  let staffTablet: LaunchedChromium | undefined;
  let page: Page;
  let shownPage: Page | undefined;
  let caseworkerDeviceId: string;
  const problems: string[] = [];
  showScreenOnFailure(() => shownPage);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    // The caseworker's tablet, signed in as a tablet does, for the manager to revoke.
    const deviceFields = signedDeviceFields(caseworker.username);
    caseworkerDeviceId = deviceFields.deviceId;
    const signedIn = await fetch(new URL('/api/auth/sign-in', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: caseworker.username,
        password: DEMO_PASSWORD,
        ...deviceFields,
      }),
    });
    expect(signedIn.status).toBe(200);

    managerTablet = await launchChromium();
    page = await managerTablet.context.newPage();
    shownPage = page;
    watchForPageProblems(page, problems, { label: 'manager' });
    await page.goto(server.url);
    await signIn(page, { username: manager.username, password: DEMO_PASSWORD });
  });

  afterAll(async () => {
    await staffTablet?.close();
    await managerTablet?.close();
    await server?.close();
  });

  // One other tablet of the centre, where the nurse and then the counsellor try to sign in.
  let staffPage: Page | undefined;
  const openStaffTablet = async (): Promise<Page> => {
    if (staffPage) return staffPage;
    staffTablet = await launchChromium();
    const opened = await staffTablet.context.newPage();
    watchForPageProblems(opened, problems, { label: 'staff', allowRefusedSignIn: true });
    await opened.goto(server.url);
    staffPage = opened;
    return opened;
  };

  it('revokes the caseworker’s tablet from the Tablets screen', async () => {
    await page.getByTestId('nav-tablets').click();
    await waitForText(page.locator('[data-testid="tablets-page"] h2'), tabletsMessages.hi.title);
    const row = `tablet-${caseworkerDeviceId}`;
    await page.getByTestId(`${row}-revoke`).click();
    await page.getByTestId(`${row}-revoke-confirm`).click();
    await waitForText(page.getByTestId(`${row}-status`), /को बंद किया गया$/);
    expect(await page.getByTestId(`${row}-revoke`).count()).toBe(0);

    // The server agrees: the caseworker's tablet is refused from now on.
    const again = await fetch(new URL('/api/auth/sign-in', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: caseworker.username,
        password: DEMO_PASSWORD,
        ...signedDeviceFields(caseworker.username, caseworkerDeviceId),
      }),
    });
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('device_revoked');
  });

  it('disables the nurse’s account, and the nurse is refused at sign-in', async () => {
    await page.getByTestId('nav-staff').click();
    await waitForText(page.locator('[data-testid="staff-page"] h2'), staffMessages.hi.title);
    const row = `staff-${nurse.username}`;
    await page.getByTestId(`${row}-disable`).click();
    // Asked again, by name, before anything is done.
    expect(await page.getByTestId(`${row}-disable-confirm`).textContent()).toContain(
      nurse.displayName,
    );
    await page.getByTestId(`${row}-disable-confirm`).click();
    await page.getByTestId(`${row}-notice`).waitFor();
    await waitForText(page.getByTestId(`${row}-status`), /को बंद किया गया$/);

    const staffPage = await openStaffTablet();
    shownPage = staffPage;
    await submitSignIn(staffPage, { username: nurse.username, password: DEMO_PASSWORD });
    await waitForText(staffPage.getByTestId('sign-in-error'), accountMessages.hi.accountDisabled);
    expect(await staffPage.getByTestId('new-case').count()).toBe(0);
    shownPage = page;
  });

  it('resets the counsellor’s password, and she signs in with the new one', async () => {
    const row = `staff-${counsellor.username}`;
    await page.getByTestId(`${row}-password`).click();
    await field(page.getByTestId(`${row}-password-form`), 'newPassword').fill(newPassword);
    await page.getByTestId(`${row}-password-save`).click();
    await page.getByTestId(`${row}-notice`).waitFor();

    const staffPage = await openStaffTablet();
    shownPage = staffPage;
    await submitSignIn(staffPage, { username: counsellor.username, password: DEMO_PASSWORD });
    await waitForText(
      staffPage.getByTestId('sign-in-error'),
      accountMessages.hi.invalidCredentials,
    );
    await signIn(staffPage, { username: counsellor.username, password: newPassword });
    await waitForText(staffPage.getByTestId('staff-name'), counsellor.displayName);
    shownPage = page;
  });

  it('shows those acts in the Audit log, in the staff’s words, and narrows by action', async () => {
    const hi = auditMessages.hi;
    await page.getByTestId('nav-audit').click();
    await waitForText(page.locator('[data-testid="audit-page"] h2'), hi.title);
    const entries = page.getByTestId('audit-entries');
    await entries.waitFor();
    const entryOf = (action: string) => entries.locator(`li[data-action="${action}"]`).first();
    await waitForText(entryOf('device.revoke'), new RegExp(hi['device.revoke']));
    await waitForText(
      entryOf('user.disable'),
      new RegExp(`${manager.displayName}: ${hi['user.disable']} — ${nurse.displayName}`),
    );
    await waitForText(
      entryOf('user.reset_password'),
      new RegExp(`${hi['user.reset_password']} — ${counsellor.displayName}`),
    );

    await page.getByTestId('audit-action').selectOption('user.disable');
    await pollCount(page, 'audit-entries', 'li', 1);
    expect(await entries.locator('li').first().getAttribute('data-action')).toBe('user.disable');
  });

  it('reads the console in English too', async () => {
    const en = auditMessages.en;
    await switchLanguageTo(page, 'en');
    await waitForText(page.locator('[data-testid="audit-page"] h2'), en.title);
    await waitForText(
      page.getByTestId('audit-entries').locator('li').first(),
      new RegExp(`${en['user.disable']} — ${nurse.displayName}`),
    );
    await page.getByTestId('nav-staff').click();
    await waitForText(page.locator('[data-testid="staff-page"] h2'), staffMessages.en.title);
    await waitForText(page.getByTestId(`staff-${nurse.username}-status`), /^Disabled on /);
    await page.getByTestId('nav-tablets').click();
    await waitForText(page.locator('[data-testid="tablets-page"] h2'), tabletsMessages.en.title);
  });

  it('had no errors in the pages', () => {
    expect(problems).toEqual([]);
  });
});

async function pollCount(page: Page, testId: string, selector: string, count: number) {
  await expect.poll(() => page.getByTestId(testId).locator(selector).count()).toBe(count);
}
