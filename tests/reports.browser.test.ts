// The report screens in Chromium against the real demo server. A Lucknow manager registers
// a case and it goes up; the state admin, on another tablet, signs in to the dashboard (charts
// drawn, every table there), opens Lucknow from the 75-district table and downloads a CSV
// (with its byte-order mark, Hindi intact). The manager opens her monthly report, again with
// no network, and on paper it carries no menu or button.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { arrivalRouteGroups } from '../src/domain/report-indicators.ts';
import { violenceTypes } from '../src/domain/vocabularies-case.ts';
import { reportsMessages } from '../src/i18n/messages-reports.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import {
  pollUntil,
  registerCase,
  shownPendingChanges,
  signIn,
  waitForText,
} from './support/case-register-steps.ts';
import { watchForPageProblems } from './support/page-problems.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { headquartersPin, signInToHeadquarters } from './support/headquarters-steps.ts';

const hi = reportsMessages.hi;
const manager = DEMO_ACCOUNTS.find((account) => account.username === 'lko.manager')!;
const stateAdmin = DEMO_ACCOUNTS.find((account) => account.username === 'state.admin')!;

function labelOf(terms: readonly { code: string; hi: string }[], code: string): string {
  return terms.find((term) => term.code === code)!.hi;
}

/** The text of one table's row whose first cell is `label`, as the screen shows it. */
function rowOf(page: Page, tableId: string, label: string) {
  return page
    .getByTestId(`report-table-${tableId}`)
    .locator('tr')
    .filter({
      has: page.locator('th', { hasText: label }),
    });
}

describe('report screens in Chromium', () => {
  let server: TestServer;
  let managerTablet: LaunchedChromium;
  let stateTablet: LaunchedChromium;
  let managerPage: Page;
  let statePage: Page | undefined;
  let shownPage: Page | undefined;
  const problems: string[] = [];
  showScreenOnFailure(() => shownPage);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    managerTablet = await launchChromium();
    managerPage = await managerTablet.context.newPage();
    shownPage = managerPage;
    watchForPageProblems(managerPage, problems, { label: 'manager' });
    await managerPage.goto(server.url);
    await signIn(managerPage, { username: manager.username, password: DEMO_PASSWORD });
    await registerCase(managerPage, {
      name: 'सुनीता देवी',
      ageYears: '28',
      arrivalRoute: 'helpline_181',
      violenceTypes: ['domestic_violence', 'dowry'],
    });
    await pollUntil(
      () => shownPendingChanges(managerPage),
      (pending) => pending === 0,
      'the new case to reach headquarters',
      30_000,
    );
  });

  afterAll(async () => {
    await stateTablet?.close();
    await managerTablet?.close();
    await server?.close();
  });

  it('shows the state admin the dashboard with its charts and tables', async () => {
    stateTablet = await launchChromium();
    statePage = await stateTablet.context.newPage();
    shownPage = statePage;
    watchForPageProblems(statePage, problems, { label: 'state' });
    await statePage.goto(server.url);
    await signInToHeadquarters(
      statePage,
      { username: stateAdmin.username, password: DEMO_PASSWORD },
      headquartersPin,
    );
    await statePage.getByTestId('state-reports').waitFor();
    await waitForText(statePage.locator('.report-page h2'), hi.stateTitle);
    await statePage.getByTestId('fetched-at').waitFor();

    await waitForText(rowOf(statePage, 'summary', hi.casesRegistered).locator('td'), '1');
    await waitForText(rowOf(statePage, 'summary', hi.minors).locator('td'), '0');
    // Every chart is drawn as SVG by the chart chunk, not left an empty box.
    const charts = statePage.getByTestId('report-chart');
    expect(await charts.count()).toBeGreaterThan(3);
    await expect
      .poll(() => statePage!.locator('[data-testid="report-chart"] svg').count())
      .toBe(await charts.count());
    expect(await statePage.locator('.report-table').count()).toBeGreaterThan(5);

    const districtTable = statePage.getByTestId('district-table');
    expect(await districtTable.locator('tbody tr').count()).toBe(75);
    await waitForText(statePage.getByTestId('district-LKO').locator('td').first(), '1');
    expect(await statePage.getByTestId('no-data-LKO').count()).toBe(0);
    expect(await statePage.getByTestId('no-data-VNS').count()).toBe(1);
  });

  it('filters the districts and opens Lucknow, with its figures and no case', async () => {
    const page = statePage!;
    await page.getByTestId('district-filter').fill('लखनऊ');
    await waitForText(page.getByTestId('district-count'), '75 में से 1 जनपद');
    await page.getByTestId('district-LKO').locator('a').click();
    await page.waitForURL((url) => url.pathname === '/state/districts/LKO');
    await waitForText(page.locator('.report-page h2'), /लखनऊ/);
    await waitForText(rowOf(page, 'summary', hi.casesRegistered).locator('td'), '1');
    expect(await page.getByTestId('district-table').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('सुनीता');
  });

  it('downloads a table as CSV that Excel reads with its Hindi', async () => {
    const page = statePage!;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-violence-type').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^sakhi_LKO_\d{4}-\d{2}_\d{4}-\d{2}_violence-type\.csv$/,
    );
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(0, -1).map((line) => line.split(','));
    expect(rows[0]).toEqual([hi.columnCategory, hi.columnCount]);
    const counts = new Map(rows.slice(1).map(([label, count]) => [label, Number(count)]));
    expect(counts.get(labelOf(violenceTypes, 'domestic_violence'))).toBe(1);
    expect(counts.get(labelOf(violenceTypes, 'dowry'))).toBe(1);
    for (const count of counts.values()) expect(Number.isInteger(count)).toBe(true);
  });

  it('opens the manager her monthly report, again offline, and prints it bare', async () => {
    const page = managerPage;
    shownPage = page;
    await page.getByTestId('nav-monthly-report').click();
    await page.getByTestId('centre-report').waitFor();
    await waitForText(rowOf(page, 'summary', hi.casesRegistered).locator('td'), '1');

    await managerTablet.context.setOffline(true);
    try {
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('new-case').waitFor();
      await page.getByTestId('nav-monthly-report').click();
      await page.getByTestId('computed-at').waitFor();
      await waitForText(rowOf(page, 'summary', hi.casesRegistered).locator('td'), '1');
      await waitForText(
        rowOf(page, 'arrival-route', labelOf(arrivalRouteGroups, 'helpline_181')).locator('td'),
        '1',
      );

      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.app-header', '.app-nav', 'button', 'input', '.period-chooser']) {
        const shown = await page
          .locator(hidden)
          .evaluateAll(
            (elements) => elements.filter((element) => element.checkVisibility()).length,
          );
        expect(shown, `${hidden} on paper`).toBe(0);
      }
      expect(await page.locator('.report-table').first().isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await managerTablet.context.setOffline(false);
    }
  });

  it('had no errors in either page', () => {
    expect(problems).toEqual([]);
  });
});
