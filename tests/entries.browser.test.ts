// Correcting entries as a centre does it, in Chromium against the real demo server: a
// referral to DLSA moves sent → accepted → completed, each step dated and named on the
// case page while Today follows it; a service is corrected in place; the arrival route is
// changed after intake and the timeline shows it.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { referralStatuses } from '../src/domain/vocabularies-entries.ts';
import { labelOf } from '../src/domain/vocabulary.ts';
import { entryEditMessages } from '../src/i18n/messages-entry-edit.ts';
import { appMessages } from '../src/i18n/messages.ts';
import {
  addPoliceHelp,
  field,
  referTo,
  registerCase,
  waitForText,
} from './support/case-register-steps.ts';
import { openAppBeforeAll } from './support/open-app.ts';

/**
 * Back to her case the way staff do, through the case list: a page load would lock the
 * tablet (the sealed store's key lives only in the open page) and show the PIN screen.
 */
async function openCaseFromList(page: Page, survivorName: string): Promise<void> {
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('case-row').filter({ hasText: survivorName }).click();
  await waitForText(page.getByTestId('case-name'), survivorName);
}

describe('correcting entries in Chromium', () => {
  const app = openAppBeforeAll({ as: 'lko.caseworker' });
  let page: Page;
  beforeAll(() => {
    page = app.page;
  });

  it('has every correction message in Hindi and English', () => {
    for (const [key, hindi] of Object.entries(entryEditMessages.hi)) {
      expect(hindi, key).not.toBe('');
      expect(entryEditMessages.en[key as keyof typeof entryEditMessages.en], key).not.toBe('');
    }
  });

  it('moves a referral sent → accepted → done; the case page and Today follow', async () => {
    const name = 'रीना कुमारी';
    await registerCase(page, { name, sharingWith: ['dlsa'] });
    await referTo(page, 'dlsa', 'DLSA Lucknow');
    const referral = page.getByTestId('entry-referral');
    await referral.getByTestId('referral-step-sent').waitFor();

    await page.getByTestId('nav-today').click();
    await waitForText(page.getByTestId('today-referrals-waiting'), /रीना कुमारी/);

    await openCaseFromList(page, name);
    const step = async (status: string, outcome?: string) => {
      await referral.getByTestId('referral-update-status').click();
      const form = page.getByTestId('referral-status-form');
      await field(form, 'referralStatus').selectOption(status);
      if (outcome) await field(form, 'outcome').fill(outcome);
      await page.getByTestId('referral-status-form-save').click();
      await referral.getByTestId(`referral-step-${status}`).waitFor();
    };
    await step('accepted');
    await waitForText(
      referral.getByTestId('referral-step-accepted'),
      new RegExp(labelOf(referralStatuses, 'accepted', 'hi')),
    );
    await page.getByTestId('nav-today').click();
    await page
      .getByTestId('today-clear')
      .or(page.getByTestId('today-followups-due'))
      .first()
      .waitFor();
    expect(await page.getByTestId('today-referrals-waiting').count()).toBe(0);

    await openCaseFromList(page, name);
    await step('completed', 'पैनल अधिवक्ता नियुक्त हुईं।');
    const steps = await referral.getByTestId('referral-steps').locator('li').count();
    expect(steps).toBe(3);
    await waitForText(referral.locator('.entry-body'), /पैनल अधिवक्ता नियुक्त हुईं।/);
  });

  it('corrects a service in place', async () => {
    await addPoliceHelp(page, { firNumber: '0123/2026', policeStation: 'हज़रतगंज' });
    await page.getByTestId('correct-service').click();
    const form = page.getByTestId('service-edit-form');
    await field(form, 'firNumber').fill('0124/2026');
    await page.getByTestId('service-edit-form-save').click();
    await page.getByTestId('entry-service').filter({ hasText: '0124/2026' }).waitFor();
    expect(await page.getByTestId('entry-service').count()).toBe(1);
  });

  it('changes the arrival route and shows it in the timeline', async () => {
    await page.getByTestId('action-arrival').click();
    await field(page.getByTestId('arrival-form'), 'arrivalRoute').selectOption('police');
    await page.getByTestId('arrival-form-save').click();
    await waitForText(page.getByTestId('entry-arrival').locator('.entry-title'), /पुलिस/);
    // The server took every step, correction and route change in her own name: none refused.
    await waitForText(page.getByTestId('pending-changes'), appMessages.hi.noPendingChanges);
    expect(app.problems).toEqual([]);
  });
});
