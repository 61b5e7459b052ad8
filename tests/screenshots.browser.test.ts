// The main screens in Hindi and English on a tablet-sized window (800×1280, upright): case list,
// intake (a validation error, and the review that shows an earlier case of the same woman
// written in the other script), a case page with its entries, today's work, the centre
// manager's monthly report, and the state dashboard headquarters reads. Every run
// walks the screens and checks each one rendered in the right language; only with
// SAKHI_SCREENSHOTS=1 does it also write docs/screenshots/<screen>-<lang>.png (for the
// README), so CI never rewrites the committed pictures.
//
//   npx vite build && SAKHI_SCREENSHOTS=1 npx vitest run --project browser tests/screenshots.browser.test.ts
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/i18n/lang.ts';
import { auditMessages } from '../src/i18n/messages-audit.ts';
import { caseFileMessages } from '../src/i18n/messages-case-file.ts';
import { caseListMessages } from '../src/i18n/messages-cases.ts';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import { reportsMessages } from '../src/i18n/messages-reports.ts';
import { staffMessages } from '../src/i18n/messages-staff.ts';
import { tabletsMessages } from '../src/i18n/messages-tablets.ts';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import {
  addPoliceHelp,
  admitToStay,
  field,
  nextStep,
  openFreshIntake,
  planFollowUp,
  referTo,
  registerCase,
  unlockWithPin,
  switchLanguageTo,
  waitForText,
} from './support/case-register-steps.ts';
import { launchTablet, openAppBeforeAll, tabletUpright } from './support/open-app.ts';
import { captureScreen } from './support/screenshots.ts';
import { headquartersPin, signInToHeadquarters } from './support/headquarters-steps.ts';

const languages: readonly Lang[] = ['hi', 'en'];

/** Every chart of the report on screen is drawn as SVG (the chart chunk loads on its own). */
async function waitForChartsDrawn(shown: Page): Promise<void> {
  const charts = shown.getByTestId('report-chart');
  await charts.first().waitFor();
  await expect
    .poll(() => shown.locator('[data-testid="report-chart"] svg').count())
    .toBe(await charts.count());
}

describe('screenshots of the main screens, Hindi and English', () => {
  // As on a tablet where Sakhi is installed: Chromium keeps its storage for good, so the
  // "storage may be cleared" warning (its own component test covers it) does not show.
  // The centre manager: she registers cases like her staff, and the monthly report is hers.
  const app = openAppBeforeAll({ as: 'lko.manager', size: tabletUpright, isInstalled: true });
  let page: Page;
  let sunitaId: string;

  const capture = (name: string, lang: Lang, shown: Page = page) =>
    captureScreen(shown, `${name}-${lang}`);

  beforeAll(async () => {
    page = app.page;
    // A centre's morning: a follow-up late, one due today, a stay ending, a referral waiting.
    sunitaId = await registerCase(page, {
      name: 'सुनीता देवी',
      phone: '9876543210',
      ageYears: '28',
      arrivalRoute: 'helpline_181',
      violenceTypes: ['domestic_violence', 'dowry'],
      sharingWith: ['police', 'dlsa'],
      riskLevel: 'high',
      safetyPlan: 'अलीगंज में बहन के घर रहेंगी; ख़तरा होने पर 181 पर फ़ोन करेंगी।',
      incidentPlace: 'अलीगंज, लखनऊ',
      perpetratorRelationship: 'husband',
    });
    await addPoliceHelp(page, { firNumber: '0123/2026', policeStation: 'हज़रतगंज' });
    await admitToStay(page, 0);
    await referTo(page, 'dlsa', 'डीएलएसए लखनऊ');
    await planFollowUp(page, 0);

    await registerCase(page, {
      name: 'Priya Sharma',
      phone: '9811122233',
      ageYears: '24',
      violenceTypes: ['sexual_harassment', 'cyber_crime'],
      riskLevel: 'medium',
    });
    await planFollowUp(page, 1, 'home_visit');

    await registerCase(page, {
      name: 'कमला यादव',
      ageYears: '35',
      arrivalRoute: 'police',
      violenceTypes: ['physical'],
      riskLevel: 'low',
    });
    await registerCase(page, {
      name: 'आशा वर्मा',
      ageYears: '41',
      arrivalRoute: 'family',
      violenceTypes: ['psychological', 'economic'],
      riskLevel: 'medium',
    });
    await registerCase(page, {
      name: 'Fatima Khan',
      phone: '9935012345',
      ageYears: '31',
      arrivalRoute: 'hospital',
      violenceTypes: ['physical', 'domestic_violence'],
      riskLevel: 'high',
      safetyPlan: 'Stays at the centre tonight; her brother will come tomorrow.',
    });
    await registerCase(page, {
      name: 'रीता सिंह',
      ageYears: '19',
      arrivalRoute: 'ngo',
      violenceTypes: ['child_marriage'],
      riskLevel: 'medium',
    });
    await registerCase(page, {
      name: 'गीता पाल',
      phone: '9450098765',
      ageYears: '45',
      violenceTypes: ['witch_hunting'],
      riskLevel: 'low',
    });
  });

  describe.each(languages)('in %s', (lang) => {
    beforeAll(async () => {
      await switchLanguageTo(page, lang);
    });

    it('case list with seven cases', async () => {
      await page.getByTestId('nav-cases').click();
      await waitForText(page.locator('.page-cases h2'), caseListMessages[lang].title);
      await expect.poll(() => page.getByTestId('case-row').count()).toBe(7);
      await capture('case-list', lang);
    });

    it('intake: what to fix on the survivor step', async () => {
      const t = intakeMessages[lang];
      await openFreshIntake(page, lang);
      await field(page, 'arrivalRoute').selectOption('walk_in');
      await nextStep(page, t.stepSurvivor);
      await field(page, 'survivorAgeYears').fill('30');
      await field(page, 'survivorPhone').fill('12345');
      await page.getByTestId('intake-next').click();
      await page.getByText(t.errorNameRequired, { exact: true }).waitFor();
      await page.getByText(t.errorPhone, { exact: true }).waitFor();
      await waitForText(page.getByTestId('step-title'), t.stepSurvivor);
      await page.evaluate(() => window.scrollTo(0, 0));
      await capture('intake-error', lang);
    });

    it('intake review: an earlier case of the same woman, in the other script', async () => {
      const t = intakeMessages[lang];
      await field(page, 'survivorName').fill('Sunita Devi');
      await field(page, 'survivorPhone').fill('98765 43210');
      await nextStep(page, t.stepIncident);
      await page.locator('input[name="violenceTypes"][value="physical"]').check();
      await nextStep(page, t.stepConsent);
      await nextStep(page, t.stepRisk);
      await field(page, 'riskLevel').selectOption('medium');
      await nextStep(page, t.stepReview);
      const duplicates = page.getByTestId('possible-duplicates');
      await duplicates.filter({ hasText: 'सुनीता देवी' }).waitFor();
      await waitForText(page.getByTestId('intake-save'), t.saveAsNewCase);
      await duplicates.scrollIntoViewIfNeeded();
      await capture('intake-review', lang);
    });

    it('case page with a service, a stay, a referral and a follow-up', async () => {
      await page.goto(new URL(`/cases/${encodeURIComponent(sunitaId)}`, app.server.url).href);
      // A new navigation starts the app again: locked until her PIN opens it.
      await unlockWithPin(page);
      await waitForText(page.getByTestId('case-name'), 'सुनीता देवी');
      await waitForText(page.locator('.case-actions h3'), caseFileMessages[lang].actionsTitle);
      for (const entry of ['service', 'stay', 'referral', 'followUp']) {
        await page.getByTestId(`entry-${entry}`).waitFor();
      }
      await capture('case-file', lang);
    });

    it('today: a follow-up due, a stay ending, a referral waiting', async () => {
      // A follow-up cannot be planned for a day already past, so none is late on a new tablet.
      await page.getByTestId('nav-today').click();
      for (const section of [
        'today-followups-due',
        'today-stays-ending',
        'today-referrals-waiting',
      ] as const) {
        await page.getByTestId(section).filter({ hasText: 'सुनीता देवी' }).waitFor();
      }
      await capture('today', lang);
    });

    it("the centre's monthly report, counted on the tablet", async () => {
      await page.getByTestId('nav-monthly-report').click();
      await waitForText(page.locator('.report-page h2'), reportsMessages[lang].centreTitle);
      await page.getByTestId('computed-at').waitFor();
      await waitForChartsDrawn(page);
      await capture('monthly-report', lang);
    });

    // The manager's console, online: her centre's tablets, its staff, and what was done.
    it("the centre's tablets", async () => {
      await page.getByTestId('nav-tablets').click();
      await waitForText(page.locator('.console h2'), tabletsMessages[lang].title);
      await page.getByTestId('tablets-page').locator('.console-row').first().waitFor();
      await capture('tablets', lang);
    });

    it("the centre's staff", async () => {
      await page.getByTestId('nav-staff').click();
      await waitForText(page.locator('.console h2'), staffMessages[lang].title);
      await page.getByTestId('staff-lko.nurse').waitFor();
      await capture('staff', lang);
    });

    it('the audit log', async () => {
      await page.getByTestId('nav-audit').click();
      await waitForText(page.locator('.console h2'), auditMessages[lang].title);
      await page.getByTestId('audit-entries').locator('.audit-row').first().waitFor();
      await capture('audit-log', lang);
    });
  });

  it('the state dashboard, for headquarters, in Hindi and English', async () => {
    const headquarters = await launchTablet({
      problems: app.problems,
      label: 'state',
      size: tabletUpright,
    });
    try {
      const statePage = headquarters.page;
      await statePage.goto(app.server.url);
      await signInToHeadquarters(
        statePage,
        { username: 'state.admin', password: DEMO_PASSWORD },
        headquartersPin,
      );
      for (const lang of languages) {
        await switchLanguageTo(statePage, lang);
        await waitForText(statePage.locator('.report-page h2'), reportsMessages[lang].stateTitle);
        await statePage.getByTestId('fetched-at').waitFor();
        await waitForChartsDrawn(statePage);
        await capture('state-dashboard', lang, statePage);
      }
    } finally {
      await headquarters.browser.close();
    }
  });

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
