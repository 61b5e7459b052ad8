// Paper the centre hands out, in Chromium against the real demo server with print media
// emulated: the case page prints as a summary with no menu, header or buttons, and a
// referral letter, in Hindi and in English, carries the centre's name, says which of its
// details the tablet lacks, and leaves out what her consent does not allow.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../server/services/demo-seed.ts';
import { referralLetterMessages } from '../src/i18n/messages-paper.ts';
import { referTo, registerCase, waitForText } from './support/case-register-steps.ts';
import { openAppBeforeAll, tabletUpright } from './support/open-app.ts';
import { captureScreen } from './support/screenshots.ts';

const manager = DEMO_ACCOUNTS.find((account) => account.username === 'lko.manager')!;

/** The whole page as printed (print media emulated), to docs/screenshots/<name>.png. */
function captureOnPaper(page: Page, name: string): Promise<void> {
  return captureScreen(page, name, { fullPage: true });
}

/** How many of the page's elements matching `selector` a reader of the paper would see. */
async function countShown(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (css) =>
      [...document.querySelectorAll<HTMLElement>(css)].filter(
        (element) => element.offsetWidth > 0 || element.offsetHeight > 0,
      ).length,
    selector,
  );
}

describe('printing a case and its referral letters in Chromium', () => {
  const app = openAppBeforeAll({ as: manager.username, size: tabletUpright });
  let page: Page;
  let caseUrl: string;

  beforeAll(async () => {
    page = app.page;
    await registerCase(page, {
      name: 'सुनीता देवी',
      phone: '9876543210',
      address: 'मकान 12, आलमबाग',
      incidentPlace: 'ससुराल',
      perpetratorName: 'रमेश',
      narrative: 'उनके शब्दों में जो हुआ',
      sharingWith: ['police'],
    });
    caseUrl = page.url();
    await referTo(page, 'police', 'हज़रतगंज थाना');
    // Without her consent for DLSA the referral can only be planned, not sent.
    await page.getByTestId('action-referral').click();
    const form = page.getByTestId('referral-form');
    await form.locator('[name="agency"]').selectOption('dlsa');
    await form.locator('[name="referralStatus"]').selectOption('planned');
    await page.getByTestId('referral-form-save').click();
    await page.getByTestId('letter-link-dlsa').waitFor();
  });

  it('prints the case page as her summary, with no navigation, buttons or forms', async () => {
    await waitForText(page.getByTestId('case-name'), 'सुनीता देवी');
    expect(await countShown(page, '.app-header')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await countShown(page, '.app-header, nav, button, form, .case-actions')).toBe(0);
    expect(await countShown(page, '[data-testid="case-summary"]')).toBe(1);
    expect(await countShown(page, '[data-testid="print-heading"]')).toBe(1);
    const summary = (await page.getByTestId('case-summary').textContent()) ?? '';
    expect(summary).toMatch(/[A-Z]{3}-\d{4}-[A-Z0-9]{2}-\d{4}/);
    await captureOnPaper(page, 'case-print-hi');
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints a letter to the police in Hindi and in English with what she agreed to share', async () => {
    await page.getByTestId('letter-link-police').click();
    const letter = page.getByTestId('referral-letter');
    await letter.waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await countShown(page, '.app-header, nav, button, [data-testid="letter-lang-en"]')).toBe(
      0,
    );
    await waitForText(page.getByTestId('letter-centre'), /वन स्टॉप सेंटर/);
    expect(await letter.textContent()).toContain('सुनीता देवी');
    expect(await letter.textContent()).toContain('रमेश');
    expect(await letter.textContent()).not.toContain('उनके शब्दों में जो हुआ');
    // Sign-in brings the centre's address and phone (the demo's Lucknow centre has both):
    // the letterhead carries them, and nothing says they are missing.
    await waitForText(page.getByTestId('letter-centre-address'), /हज़रतगंज/);
    expect(await page.getByTestId('letter-missing-address').count()).toBe(0);
    await captureOnPaper(page, 'referral-letter-hi');

    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('letter-lang-en').check();
    await waitForText(page.getByTestId('letter-centre'), /One Stop Centre/);
    await page.emulateMedia({ media: 'print' });
    expect(await letter.getAttribute('lang')).toBe('en');
    expect(await letter.textContent()).toContain('Subject: Referral to Police');
    expect(await letter.textContent()).toContain('सुनीता देवी');
    await captureOnPaper(page, 'referral-letter-en');
    await page.emulateMedia({ media: 'screen' });
  });

  it('leaves her out of a letter to DLSA, which she did not agree to', async () => {
    // Back within the app: a reload would open on the PIN screen.
    await page.locator('.paper-controls .back-link').click();
    await page.waitForURL(caseUrl);
    await page.getByTestId('letter-link-dlsa').click();
    const letter = page.getByTestId('referral-letter');
    await letter.waitFor();
    await page.getByTestId('letter-lang-en').check();
    await waitForText(page.getByTestId('letter-withheld'), referralLetterMessages.en.notAgreed);
    const text = (await letter.textContent()) ?? '';
    expect(text).not.toContain('सुनीता');
    expect(text).not.toContain('9876543210');
    expect(text).toMatch(/Reference: [A-Z]{3}-\d{4}/);
    expect(app.problems).toEqual([]);
  });
});
