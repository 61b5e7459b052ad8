// Who works on which case, in Chromium against the real demo server, with two tablets of
// one centre. The manager registers a case (it is then hers) and hands it to the caseworker from the
// centre's staff list her tablet received at sign-in; her caseload screen counts it. The
// caseworker's tablet, after its sync, lists it under "My cases", names who it is assigned
// to, and offers her no way to assign (the server would refuse her).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { assignedFilterMessages } from '../src/i18n/messages-assigned-filter.ts';
import {
  countOutboxRows,
  pollUntil,
  registerCase,
  signIn,
  unlockWithPin,
  waitForText,
} from './support/case-register-steps.ts';
import { launchTablet, openAppBeforeAll, type Tablet } from './support/open-app.ts';

const survivorName = 'रेशमा परवीन';
const caseworkerName = displayNameOf('lko.caseworker');
const managerName = displayNameOf('lko.manager');

function displayNameOf(username: string): string {
  const account = DEMO_ACCOUNTS.find((demo) => demo.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.displayName;
}

/** The open-case count the manager's caseload screen shows for the caseworker. */
async function readCaseworkerLoad(page: Page): Promise<number> {
  await page.getByTestId('caseload-link').click();
  const row = page.getByTestId('caseload').locator('tr', { hasText: caseworkerName });
  await row.waitFor({ timeout: 30_000 });
  const open = Number((await row.getByTestId('caseload-open').textContent())?.trim());
  await page.goBack();
  return open;
}

describe('assigning a case to a caseworker', () => {
  const managerApp = openAppBeforeAll({
    as: 'lko.manager',
    shouldWaitForWorker: true,
    label: 'manager',
  });
  // Her tablet opens the app in the second test, once the case is assigned to her.
  let caseworkerTablet: Tablet;
  let manager: Page;
  let caseworker: Page;
  let caseId: string;
  const problems = managerApp.problems;

  beforeAll(async () => {
    manager = managerApp.page;
    caseworkerTablet = await launchTablet({ problems, label: 'caseworker' });
    caseworker = caseworkerTablet.page;
  });

  afterAll(async () => {
    await caseworkerTablet?.browser.close();
  });

  it('lets the manager assign a case from her centre’s staff list, and counts it', async () => {
    const before = await readCaseworkerLoad(manager);
    caseId = await registerCase(manager, { name: survivorName });
    await manager.getByTestId('action-assign').click();
    const form = manager.getByTestId('assign-form');
    // Registering it put the case on the manager's own list; she hands it over.
    await form.getByLabel(managerName).uncheck();
    await form.getByLabel(caseworkerName).check();
    await manager.getByTestId('assign-form-save').click();
    await waitForText(manager.getByTestId('assigned-names'), caseworkerName);
    await pollUntil(
      () => countOutboxRows(manager),
      (n) => n === 0,
      'the manager’s tablet has sent the assignment',
    );
    await manager.goto(new URL('/', managerApp.server.url).href);
    await unlockWithPin(manager);
    expect(await readCaseworkerLoad(manager)).toBe(before + 1);
  }, 120_000);

  it('shows the caseworker the case under "My cases", and no way to assign', async () => {
    await caseworker.goto(managerApp.server.url);
    await signIn(caseworker, { username: 'lko.caseworker', password: DEMO_PASSWORD });
    await caseworker
      .locator('select[name="assignedTo"]')
      .selectOption({ label: assignedFilterMessages.hi.filterMine });
    await caseworker
      .getByTestId('case-row')
      .filter({ hasText: survivorName })
      .waitFor({ timeout: 60_000 });

    await caseworker.goto(new URL(`/cases/${caseId}`, managerApp.server.url).href);
    await unlockWithPin(caseworker);
    await waitForText(caseworker.getByTestId('assigned-names'), caseworkerName);
    expect(await caseworker.getByTestId('action-assign').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
