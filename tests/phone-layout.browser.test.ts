// A 360×740 phone, in Chromium against the real demo server, signed in as the centre manager
// (the widest menu): the header takes at most 120 px of the screen, so her case is what she
// sees, and no risk or status badge is cut off, on the case list or the case page, in Hindi
// or English. With SAKHI_SCREENSHOTS=1 it also writes the phone screenshots,
// docs/screenshots/phone-<screen>-<lang>.png:
//
//   npx vite build && SAKHI_SCREENSHOTS=1 npx vitest run --project browser tests/phone-layout.browser.test.ts
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/i18n/lang.ts';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import {
  field,
  nextStep,
  openFreshIntake,
  planFollowUp,
  registerCase,
  switchLanguageTo,
  waitForText,
} from './support/case-register-steps.ts';
import { openAppBeforeAll, phone } from './support/open-app.ts';
import { captureScreen } from './support/screenshots.ts';

const maxHeaderPx = 120;
const languages: readonly Lang[] = ['hi', 'en'];

/** Badges (matching `css`) whose text does not fit where they are drawn: cut by a parent, or past the screen. */
function findClippedBadges(page: Page, css: string): Promise<string[]> {
  return page.evaluate((css) => {
    const clipped: string[] = [];
    for (const badge of document.querySelectorAll<HTMLElement>(css)) {
      const box = badge.getBoundingClientRect();
      let isCut = box.right > document.documentElement.clientWidth + 0.5 || box.left < -0.5;
      for (let parent = badge.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === 'visible') continue;
        const frame = parent.getBoundingClientRect();
        if (box.right > frame.right + 0.5 || box.left < frame.left - 0.5) isCut = true;
      }
      if (badge.scrollWidth > badge.clientWidth + 1) isCut = true;
      if (isCut) clipped.push(badge.textContent ?? '');
    }
    return clipped;
  }, css);
}

function headerHeight(page: Page): Promise<number> {
  return page.evaluate(
    () => document.querySelector('.app-header')?.getBoundingClientRect().height ?? Infinity,
  );
}

describe('on a 360×740 phone', () => {
  // The centre manager: the widest menu. As on a phone where Sakhi is installed: the
  // storage warning is not this test's screen.
  const app = openAppBeforeAll({ as: 'lko.manager', size: phone, isInstalled: true });
  let page: Page;
  let caseId: string;

  const capture = (name: string, lang: Lang) => captureScreen(page, `phone-${name}-${lang}`);

  beforeAll(async () => {
    page = app.page;
    // A long name and high risk: the widest badges a case shows.
    caseId = await registerCase(page, {
      name: 'सुनीता कुमारी विश्वकर्मा',
      ageYears: '28',
      phone: '9876543210',
      riskLevel: 'high',
      safetyPlan: 'बहन के घर रहेंगी; ख़तरा होने पर 181 पर फ़ोन करेंगी।',
    });
    await planFollowUp(page, 0);
    await registerCase(page, { name: 'Fatima Khan', ageYears: '31', riskLevel: 'medium' });
  }, 240_000);

  describe.each(languages)('in %s', (lang) => {
    beforeAll(async () => {
      await switchLanguageTo(page, lang);
    });

    it('the case list: a header of at most 120 px, and her risk and status badges whole', async () => {
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('case-row').nth(1).waitFor({ timeout: 30_000 });
      expect(await headerHeight(page)).toBeLessThanOrEqual(maxHeaderPx);
      // Every badge but "not yet at headquarters", which may shorten on a phone (app.css).
      expect(
        await findClippedBadges(
          page,
          '[data-testid="case-row"] .badge:not([data-testid="case-row-not-sent"])',
        ),
      ).toEqual([]);
      await capture('case-list', lang);
    });

    it('the case page: a header of at most 120 px, and her risk badge whole', async () => {
      await page.getByTestId('case-row').filter({ hasText: 'सुनीता' }).click();
      await waitForText(page.getByTestId('case-name'), 'सुनीता कुमारी विश्वकर्मा');
      expect(await headerHeight(page)).toBeLessThanOrEqual(maxHeaderPx);
      expect(await findClippedBadges(page, '[data-testid="case-summary"] .badge')).toEqual([]);
      expect(page.url()).toContain(encodeURIComponent(caseId));
      await capture('case-file', lang);
    });

    it('intake review and today fit the phone too', async () => {
      const t = intakeMessages[lang];
      await openFreshIntake(page, lang);
      expect(await headerHeight(page)).toBeLessThanOrEqual(maxHeaderPx);
      await field(page, 'arrivalRoute').selectOption('walk_in');
      await nextStep(page, t.stepSurvivor);
      await field(page, 'survivorName').fill('Rita Singh');
      await nextStep(page, t.stepIncident);
      await nextStep(page, t.stepConsent);
      await nextStep(page, t.stepRisk);
      await field(page, 'riskLevel').selectOption('low');
      await nextStep(page, t.stepReview);
      await page.getByTestId('intake-save').and(page.locator(':not([disabled])')).waitFor();
      await capture('intake-review', lang);

      await page.getByTestId('nav-today').click();
      await page.getByTestId('today-followups-due').waitFor({ timeout: 30_000 });
      expect(await headerHeight(page)).toBeLessThanOrEqual(maxHeaderPx);
      await capture('today', lang);
    });
  });

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
