// Screens follow the store, in Chromium against the real demo server, with two tablets of
// one centre. The caseworker's tablet (A) registers a case. The manager's tablet (B) signs
// in for the first time: her case list fills by itself as the first pull stores the
// centre's cases, and never claims there are none meanwhile. B keeps the case page open
// while A corrects the phone number: B's page shows the new number after B's sync, with no
// navigation. Then the manager closes the case while A, offline, records a service on it;
// headquarters refuses that service (a closed case takes only notes), and A's header
// counts the refusal instead of saying "All changes sent", while the sync page names it in
// the staff's words and offers the case rather than "Send again".
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { closureStateRules } from '../src/domain/closure-write-rules.ts';
import { appMessages } from '../src/i18n/messages.ts';
import { syncStatusMessages } from '../src/i18n/messages-sync-status.ts';
import { nameOfEntryKind } from '../src/features/sync-status/conflict-fields.ts';
import {
  addPoliceHelp,
  countOutboxRows,
  field,
  pollUntil,
  registerCase,
  signIn,
  unlockWithPin,
  waitForControllingWorker,
  waitForText,
} from './support/case-register-steps.ts';
import { launchTablet, openAppBeforeAll } from './support/open-app.ts';
import { readLastFullSyncAt, syncNow, type NamedTablet } from './support/tablet-meta.ts';

const hiApp = appMessages.hi;
const hiSync = syncStatusMessages.hi;
const survivorName = 'शबनम बानो';
const firstPhone = '9876512345';
const newPhone = '9123467890';
const police = { firNumber: '0789/2026', policeStation: 'हज़रतगंज' } as const;

/**
 * Marks the page if the list ever says "no cases" (`data-testid="no-cases"`), however
 * briefly: a MutationObserver sees every render, where polling could miss one.
 */
async function watchForNoCasesClaim(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const marked = window as unknown as { sawNoCases?: boolean };
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="no-cases"]')) marked.sawNoCases = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

function readSawNoCases(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { sawNoCases?: boolean }).sawNoCases === true);
}

async function headerPendingLine(page: Page): Promise<string> {
  return ((await page.getByTestId('pending-changes').textContent()) ?? '').trim();
}

describe('screens follow the store on two tablets', () => {
  // Tablet A, the caseworker's; B opens the app for the first time in the first test.
  const appA = openAppBeforeAll({
    as: 'lko.caseworker',
    shouldWaitForWorker: true,
    label: 'A',
    beforeOpening: watchForNoCasesClaim,
  });
  let tabletA: NamedTablet;
  let tabletB: NamedTablet;
  let caseId: string;
  let caseNumber: string;
  const problems = appA.problems;

  beforeAll(async () => {
    tabletA = { name: 'A', browser: appA.browser, page: appA.page };
    const launched = await launchTablet({
      problems,
      label: 'B',
      beforeOpening: watchForNoCasesClaim,
    });
    tabletB = { name: 'B', ...launched };
  });

  afterAll(async () => {
    await tabletB?.browser.close();
  });

  it('fills a second tablet’s list at its first sign-in, without any navigation', async () => {
    caseId = await registerCase(tabletA.page, { name: survivorName, phone: firstPhone });
    caseNumber = (await tabletA.page.getByTestId('case-number').textContent())?.trim() ?? '';
    await pollUntil(
      () => countOutboxRows(tabletA.page),
      (n) => n === 0,
      'A has sent the case',
    );

    const page = tabletB.page;
    await page.goto(appA.server.url);
    const firstUrl = page.url();
    await signIn(page, { username: 'lko.manager', password: DEMO_PASSWORD });
    await page.getByTestId('case-row').filter({ hasText: survivorName }).waitFor();
    expect(page.url()).toBe(firstUrl);
    expect(await readSawNoCases(page)).toBe(false);
    await waitForText(page.getByTestId('pending-changes'), hiApp.noPendingChanges);
    await waitForControllingWorker(page);
  });

  it('updates an open case page when a pull changes it', async () => {
    const page = tabletB.page;
    await page.goto(new URL(`/cases/${caseId}`, appA.server.url).href);
    await unlockWithPin(page);
    await waitForText(page.getByTestId('case-name'), survivorName);
    const summary = page.getByTestId('case-summary');
    expect(await summary.textContent()).toContain(firstPhone);
    const openUrl = page.url();

    await tabletA.page.getByTestId('action-details').click();
    const form = tabletA.page.getByTestId('details-form');
    await field(form, 'survivorPhone').fill(newPhone);
    await tabletA.page.getByTestId('details-form-save').click();
    await pollUntil(
      () => countOutboxRows(tabletA.page),
      (n) => n === 0,
      'A has sent the new phone',
    );

    // A run already under way when A's edit landed may have pulled before it, and still
    // count as "a finished sync": sync again until a run has brought it. The page is never
    // reloaded or left, so the screen must follow the store by itself.
    const deadline = Date.now() + 60_000;
    await syncNow(tabletB, { readFinished: readLastFullSyncAt });
    while (!((await summary.textContent()) ?? '').includes(newPhone)) {
      if (Date.now() > deadline) {
        throw new Error(
          `the new phone never showed on B’s open case page: ${await summary.textContent()}`,
        );
      }
      await syncNow(tabletB, { readFinished: readLastFullSyncAt });
    }
    expect(await summary.textContent()).not.toContain(firstPhone);
    expect(page.url()).toBe(openUrl);
  }, 120_000);

  it('counts a refused change in the header instead of saying all changes are sent', async () => {
    await tabletA.browser.context.setOffline(true);

    // The manager closes the case; her tablet sends it at once.
    const manager = tabletB.page;
    await manager.getByTestId('action-closure').click();
    await field(manager.getByTestId('closure-form'), 'closureReason').selectOption(
      'services_completed',
    );
    await manager.getByTestId('closure-form-save').click();
    await manager.getByTestId('action-approveClosure').click();
    await manager.getByTestId('approve-closure-form-save').click();
    await manager.getByTestId('closed-only-notes').waitFor();
    await pollUntil(
      () => countOutboxRows(manager),
      (n) => n === 0,
      'B has sent the closure',
    );

    // The caseworker, offline and not yet knowing, records police help after the closure.
    const page = tabletA.page;
    await addPoliceHelp(page, police);
    await tabletA.browser.context.setOffline(false);
    await waitForText(page.getByTestId('pending-changes'), hiApp.refusedChangesOne);
    // A later run that pushed and pulled finds nothing waiting: still refused, never "sent".
    await syncNow(tabletA, { readFinished: readLastFullSyncAt });
    expect(await headerPendingLine(page)).toBe(hiApp.refusedChangesOne);
    await page.getByTestId('closed-only-notes').waitFor();

    await page.getByTestId('sync-attention').click();
    const card = page.getByTestId('rejected-change');
    await card.waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.locator('strong').textContent()).toBe(
      `मामला ${caseNumber} · ${survivorName}`,
    );
    const what = (await card.getByTestId('rejected-what').textContent()) ?? '';
    // Her words (the kind of entry), never the record's field names.
    expect(what).toBe(hiSync.changeAdded.replace('{record}', nameOfEntryKind('service', 'hi')));
    expect(what).not.toMatch(/caseId|centreId|recordedAt|service/);
    expect(await card.getByTestId('rejected-reason').textContent()).toContain(
      closureStateRules.closedCase.reason.hi,
    );
    // Sending it again cannot help: the card offers the case instead.
    expect(await card.getByTestId('retry-rejected').count()).toBe(0);
    await card.getByTestId('rejected-open-case').waitFor();
    expect(await headerPendingLine(page)).toBe(hiApp.refusedChangesOne);
  });

  it('had no errors in any page', () => {
    expect(problems).toEqual([]);
  });
});
