// The case register as a caseworker uses it on a tablet with no network: once
// she has signed in (online, against the real demo server) and the service worker controls
// the page, the network goes and stays gone. Each reload and each new tab opens locked,
// and her PIN alone opens it. She reloads, registers a case through every intake step, records police
// help, a short stay and a follow-up, reloads again, opens the case from a link in a new
// tab, loses a half-filled form to a closed tab and gets it back, and finds the case by
// her name typed in Latin letters. Nothing in between ever reaches the server.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMessages } from '../src/i18n/messages.ts';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import {
  addPoliceHelp,
  admitToStay,
  countOutboxRows,
  field,
  nextStep,
  planFollowUp,
  readIntakeDraftTime,
  registerCase,
  shownPendingChanges,
  signIn,
  unlockWithPin,
  waitForControllingWorker,
  waitForText,
} from './support/case-register-steps.ts';
import { watchForPageProblems } from './support/page-problems.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { DEMO_ACCOUNTS } from '../server/services/demo-seed.ts';

const hi = intakeMessages.hi;
const survivorName = 'सुनीता देवी';
const firNumber = '0123/2026';
const policeStation = 'हज़रतगंज';
const caseworker = DEMO_ACCOUNTS.find((account) => account.username === 'lko.caseworker')!;

describe('offline case register in Chromium', () => {
  let server: TestServer;
  let browser: LaunchedChromium;
  let page: Page;
  let caseId: string;
  let pendingBeforeReload: number;
  const problems: string[] = [];
  showScreenOnFailure(() => page);

  const watch = (watched: Page) => {
    watchForPageProblems(watched, problems);
  };
  const openPage = async (path: string) => {
    const opened = await browser.context.newPage();
    watch(opened);
    const response = await opened.goto(new URL(path, server.url).href);
    // A new tab opens locked, like any start of the app: her PIN, offline.
    await unlockWithPin(opened);
    return { opened, response };
  };
  const expectEntries = async (on: Page) => {
    await on.getByTestId('entry-service').filter({ hasText: firNumber }).waitFor();
    expect(await on.getByTestId('entry-service').textContent()).toContain(policeStation);
    await on.getByTestId('entry-stay').waitFor();
    await on.getByTestId('entry-followUp').waitFor();
    expect(await on.getByTestId('timeline').locator('> li').count()).toBe(3);
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchChromium();
    page = await browser.context.newPage();
    watch(page);
    await page.goto(server.url);
    await signIn(page);
    await waitForControllingWorker(page);
    await browser.context.setOffline(true);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reloads with no network: locked, and her PIN opens it as the staff member who signed in', async () => {
    await page.reload();
    await waitForText(page.getByTestId('network-status'), appMessages.hi.offline);
    await page.getByTestId('unlock-page').waitFor();
    expect(await page.getByTestId('staff-name').count()).toBe(0);
    await unlockWithPin(page);
    await page.getByTestId('new-case').waitFor();
    await waitForText(page.getByTestId('staff-name'), caseworker.displayName);
    expect(await page.getByTestId('sign-in-page').count()).toBe(0);
    const reached = await page.evaluate(() =>
      fetch('/api/health').then(
        () => true,
        () => false,
      ),
    );
    expect(reached).toBe(false);
  });

  it('registers a case through every intake step', async () => {
    caseId = await registerCase(page, {
      name: survivorName,
      phone: '+91 98765 43210',
      ageYears: '28',
      arrivalRoute: 'helpline_181',
      violenceTypes: ['domestic_violence', 'dowry'],
      sharingWith: ['police', 'dlsa'],
      riskLevel: 'high',
      safetyPlan: 'अलीगंज में बहन के घर रहेंगी; ख़तरा होने पर 181 पर फ़ोन करेंगी।',
      incidentPlace: 'अलीगंज, लखनऊ',
      perpetratorRelationship: 'husband',
    });
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    // The device part is the tag the server gave this tablet at sign-in (2 characters for
    // a district's first 1,024 tablets), not the 4-character provisional one.
    expect(await page.getByTestId('case-number').textContent()).toMatch(
      /^LKO-\d{4}-[0-9A-Z]{2}-0001$/,
    );
    expect(await page.getByTestId('case-summary').textContent()).toContain('9876543210');
  });

  it('records police help, a short stay and a follow-up on the case page', async () => {
    await addPoliceHelp(page, { firNumber, policeStation });
    await admitToStay(page, 3);
    await planFollowUp(page, 7);
    await expectEntries(page);
  });

  it('keeps the case, its three entries and the pending changes across a reload', async () => {
    // One change for the case and one per entry at least; the header re-reads every few seconds.
    const outboxRows = await countOutboxRows(page);
    expect(outboxRows).toBeGreaterThanOrEqual(4);
    await expect.poll(() => shownPendingChanges(page), { timeout: 10_000 }).toBe(outboxRows);
    pendingBeforeReload = outboxRows;

    await page.reload();
    await unlockWithPin(page);
    await waitForText(page.getByTestId('case-name'), survivorName);
    await expectEntries(page);
    expect(await shownPendingChanges(page)).toBe(pendingBeforeReload);
    expect(await countOutboxRows(page)).toBe(pendingBeforeReload);
  });

  it('opens a deep link to the case in a new tab', async () => {
    const { opened, response } = await openPage(`/cases/${encodeURIComponent(caseId)}`);
    try {
      expect(response?.fromServiceWorker()).toBe(true);
      await waitForText(opened.getByTestId('case-name'), survivorName);
      await expectEntries(opened);
    } finally {
      await opened.close();
    }
  });

  it('brings back a half-filled intake form after its tab was closed', async () => {
    const { opened: form } = await openPage('/cases/new');
    await waitForText(form.getByTestId('step-title'), hi.stepArrival);
    await field(form, 'arrivalRoute').selectOption('police');
    await nextStep(form, hi.stepSurvivor);
    await field(form, 'survivorName').fill('रेखा कुमारी');
    await field(form, 'survivorPhone').fill('9123456780');
    // The draft is written a moment after the last change; wait for that write, then close.
    const typedAt = await form.evaluate(() => Date.now());
    await expect
      .poll(() => readIntakeDraftTime(form), { timeout: 10_000, interval: 50 })
      .toBeGreaterThanOrEqual(typedAt);
    await form.close();

    const { opened: again } = await openPage('/cases/new');
    try {
      await again.getByTestId('draft-restored').waitFor();
      await waitForText(again.getByTestId('step-title'), hi.stepSurvivor);
      expect(await field(again, 'survivorName').inputValue()).toBe('रेखा कुमारी');
      expect(await field(again, 'survivorPhone').inputValue()).toBe('9123456780');
      await again.getByTestId('intake-back').click();
      await waitForText(again.getByTestId('step-title'), hi.stepArrival);
      expect(await field(again, 'arrivalRoute').inputValue()).toBe('police');
    } finally {
      await again.close();
    }
  });

  it('finds the case by her name typed in Latin letters, and not by another name', async () => {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-row').first().waitFor();
    await field(page, 'q').fill('sunita');
    await page.getByTestId('case-row').filter({ hasText: survivorName }).waitFor();
    expect(await page.getByTestId('case-row').count()).toBe(1);

    // A name she does not have finds nothing (the draft above is not a case).
    await field(page, 'q').fill('rekha');
    await expect.poll(() => page.getByTestId('case-row').count(), { timeout: 5_000 }).toBe(0);
    await field(page, 'q').fill('सुनीता');
    await page.getByTestId('case-row').filter({ hasText: survivorName }).waitFor();
  });

  it('stayed offline throughout, with no errors in the page', async () => {
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(problems).toEqual([]);
  });
});
