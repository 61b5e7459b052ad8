// A state officer's last dashboard, offline after a reload, in Chromium against the real demo
// server. The state admin signs in (and chooses a PIN), opens a period, and the state analyst
// signs in on the same tablet for her own. Then the server is stopped and the network cut:
// after a reload the admin's PIN opens the copy kept for her, labelled with when it was
// fetched; the analyst's PIN opens her session but not the admin's copy; and the copies on
// disk hold no figure in the clear.
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { reportsMessages } from '../src/i18n/messages-reports.ts';
import { waitForControllingWorker, waitForText } from './support/case-register-steps.ts';
import {
  headquartersPin,
  readKeptAnswersOnDisk,
  signInToHeadquarters,
  unlockAs,
  waitForStoredDashboard,
} from './support/headquarters-steps.ts';
import { openAppBeforeAll } from './support/open-app.ts';

const hi = reportsMessages.hi;
const admin = DEMO_ACCOUNTS.find((account) => account.username === 'state.admin')!;
const analyst = DEMO_ACCOUNTS.find((account) => account.username === 'state.analyst')!;
const adminPin = headquartersPin;
const analystPin = '730518';
// A period only the admin opens: the analyst never fetched it.
const adminPeriod = '/state?from=2025-01&to=2025-06';

describe('a state officer’s dashboard offline after a reload', () => {
  // Offline, the dashboard's own request is refused by design; nothing else may fail.
  const app = openAppBeforeAll({ label: 'headquarters' });

  it('signs the admin in with a new PIN and keeps her dashboard', async () => {
    const { page, server } = app;
    await signInToHeadquarters(
      page,
      { username: admin.username, password: DEMO_PASSWORD },
      adminPin,
    );
    // The worker takes this page when it activates. Navigating while it still installs can
    // leave the next page outside its claim (a Chromium race), and that page would never be
    // controlled: so the new address is opened only once the worker controls this one.
    await waitForControllingWorker(page);
    // A new address reloads the page: her PIN opens the dashboard again, as after any reload.
    await page.goto(new URL(adminPeriod, server.url).href);
    await unlockAs(page, admin.displayName, adminPin);
    await page.getByTestId('fetched-at').waitFor();
    expect(await page.getByTestId('district-table').locator('tbody tr').count()).toBe(75);
    await waitForControllingWorker(page);
    await waitForStoredDashboard(page);
    // Back to this year's figures, so whoever signs in next starts there, not on her period.
    await page.getByTestId('nav-state-dashboard').click();
    await page.waitForURL((url) => url.search === '');
  });

  it('lets the analyst sign in on the same tablet, for her own figures', async () => {
    const { page } = app;
    await page.getByTestId('switch-user').click();
    await page.getByTestId('unlock-page').waitFor();
    await page.getByTestId('unlock-sign-in-other').click();
    await signInToHeadquarters(
      page,
      { username: analyst.username, password: DEMO_PASSWORD },
      analystPin,
    );
    await page.getByTestId('fetched-at').waitFor();
    expect(await page.getByTestId('staff-name').innerText()).toBe(analyst.displayName);
  });

  it('opens the admin her kept copy with her PIN, with no server and no network', async () => {
    const { page, server, browser } = app;
    await server.close();
    await browser.context.setOffline(true);
    await page.goto(new URL(adminPeriod, server.url).href);
    expect(await page.getByTestId('sign-in-page').count()).toBe(0);
    // Her PIN under the analyst's name is a wrong PIN: it opens nothing.
    await unlockAs(page, analyst.displayName, adminPin);
    await page.getByTestId('unlock-error').waitFor();
    expect(await page.getByTestId('state-reports').count()).toBe(0);

    await unlockAs(page, admin.displayName, adminPin);
    await page.getByTestId('state-reports').waitFor();
    const kept = page.getByTestId('kept-copy');
    await kept.waitFor();
    // "A kept copy: fetched from the server at dd/mm/yyyy, hh:mm".
    await waitForText(kept, /\d{2}\/\d{2}\/\d{4}/);
    expect(await kept.innerText()).toContain(hi.savedCopy.split('{time}')[0]!.trim());
    await waitForText(page.getByTestId('report-period'), /2025/);
    expect(await page.getByTestId('district-table').locator('tbody tr').count()).toBe(75);
    expect(await page.getByTestId('staff-name').innerText()).toBe(admin.displayName);
  });

  it('never shows the analyst the copy the admin fetched', async () => {
    const { page } = app;
    await page.reload();
    await unlockAs(page, analyst.displayName, analystPin);
    await page.getByTestId('state-reports').waitFor();
    expect(await page.getByTestId('staff-name').innerText()).toBe(analyst.displayName);
    const failed = page.getByTestId('report-failed');
    await failed.waitFor();
    expect(await failed.innerText()).toContain(hi.offlineNoCopy);
    expect(await page.getByTestId('kept-copy').count()).toBe(0);
    expect(await page.getByTestId('district-table').count()).toBe(0);
  });

  it('holds no figure, period or time of a kept copy in the clear on disk', async () => {
    const onDisk = await readKeptAnswersOnDisk(app.page);
    expect(onDisk.length).toBeGreaterThanOrEqual(2);
    for (const kept of onDisk) {
      for (const clear of ['casesRegistered', 'byDistrict', 'fetchedAt', '"LKO"']) {
        expect(kept).not.toContain(clear);
      }
    }
  });

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
