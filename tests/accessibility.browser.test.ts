// WCAG 2.2 AA on every screen a person can reach, in Chromium against the real demo server:
// axe-core checks each screen in Hindi and English, on an 800×1280 tablet and a 360×740
// phone, and finds nothing. One browser and one signed-in page walk the whole app (a centre
// manager sees every centre screen), and each screen is checked in its four shapes where
// it stands, so a form opened once is checked four times.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../src/i18n/lang.ts';
import { caseFileMessages } from '../src/i18n/messages-case-file.ts';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import { reportsMessages } from '../src/i18n/messages-reports.ts';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { findAccessibilityViolations, type AccessibilityViolation } from './support/axe.ts';
import {
  addPoliceHelp,
  admitToStay,
  chooseNewPin,
  field,
  nextStep,
  openFreshIntake,
  planFollowUp,
  referTo,
  registerCase,
  submitSignIn,
  switchLanguageTo,
  testPin,
  unlockWithPin,
  waitForText,
} from './support/case-register-steps.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import { watchForPageProblems } from './support/page-problems.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { headquartersPin, signInToHeadquarters } from './support/headquarters-steps.ts';

const viewports = {
  phone: { width: 360, height: 740 },
  tablet: { width: 800, height: 1280 },
} as const;
// Hindi last, so every walk goes on in Hindi, the centres' language.
const languages: readonly Lang[] = ['en', 'hi'];
const hi = caseFileMessages.hi;
// Four axe runs per screen, on a shared two-core machine.
const walkTimeoutMs = 300_000;

describe('WCAG 2.2 AA on every screen, Hindi and English, tablet and phone', () => {
  let server: TestServer;
  let browser: LaunchedChromium;
  let page: Page;
  const problems: string[] = [];
  showScreenOnFailure(() => page);
  // Each step walks on from where the last one left the page: once a screen could not be
  // reached, the rest would only time out one by one.
  let hasWalkFailed = false;
  beforeEach((context) => {
    if (hasWalkFailed) context.skip();
  });

  /** What axe finds on the screen as it stands, in each language and width; empty when none. */
  async function violationsOn(screen: string): Promise<Record<string, readonly string[]>> {
    const found: Record<string, readonly string[]> = {};
    for (const [width, size] of Object.entries(viewports)) {
      await page.setViewportSize(size);
      for (const lang of languages) {
        await switchLanguageTo(page, lang);
        const violations = await findAccessibilityViolations(page);
        if (violations.length > 0)
          found[`${screen} (${lang}, ${width})`] = listElements(violations);
      }
    }
    return found;
  }

  function listElements(violations: readonly AccessibilityViolation[]): readonly string[] {
    return violations.flatMap((violation) =>
      violation.elements.map((element) => `${violation.rule}: ${element}`),
    );
  }

  /** Checks each screen in turn; `reach` brings the page to it. */
  async function expectNoViolations(
    screens: readonly (readonly [string, () => Promise<void>])[],
  ): Promise<void> {
    let found: Record<string, readonly string[]> = {};
    for (const [screen, reach] of screens) {
      try {
        await reach();
      } catch (error) {
        hasWalkFailed = true;
        throw error;
      }
      found = { ...found, ...(await violationsOn(screen)) };
    }
    expect(found).toEqual({});
  }

  /** An action on the case page: its form opens, is checked, and is closed again unsaved. */
  const actionForm = (action: string, form: string) =>
    [
      `case page, ${action} form`,
      async () => {
        await page.getByTestId(`action-${action}`).click();
        await page.getByTestId(form).waitFor();
      },
    ] as const;

  const closeForm = async (form: string) => {
    await page.getByTestId(form).getByRole('button', { name: hi.cancel }).click();
    await page.getByTestId(form).waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchChromium();
    page = await browser.context.newPage();
    watchForPageProblems(page, problems, { allowRefusedSignIn: true });
    // As on a tablet where Sakhi is installed: the storage warning is not this test's screen.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Browser.grantPermissions', {
      origin: new URL(server.url).origin,
      permissions: ['durableStorage'],
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'sign-in, an empty sign-in, and choosing a PIN',
    async () => {
      await expectNoViolations([
        ['sign-in', () => page.getByTestId('sign-in-page').waitFor()],
        [
          'sign-in, sent empty',
          async () => {
            await page.getByTestId('sign-in-submit').click();
            await page.getByTestId('sign-in-page').locator('.field-error').first().waitFor();
          },
        ],
        [
          'choosing a PIN',
          async () => {
            await submitSignIn(page, { username: 'lko.manager', password: DEMO_PASSWORD });
            await page.getByTestId('set-pin-page').waitFor();
          },
        ],
        [
          'case list, no cases yet',
          async () => {
            await chooseNewPin(page, testPin);
            await page.getByTestId('new-case').waitFor();
          },
        ],
      ]);
    },
    walkTimeoutMs,
  );

  it(
    'every step of the intake, with what to fix',
    async () => {
      const t = intakeMessages.hi;
      await expectNoViolations([
        ['intake, arrival', () => openFreshIntake(page)],
        [
          'intake, survivor, what to fix',
          async () => {
            await field(page, 'arrivalRoute').selectOption('walk_in');
            await nextStep(page, t.stepSurvivor);
            await field(page, 'survivorPhone').fill('12345');
            await page.getByTestId('intake-next').click();
            await page.getByText(t.errorNameRequired, { exact: true }).waitFor();
          },
        ],
        [
          'intake, incident',
          async () => {
            await field(page, 'survivorName').fill('सुनीता देवी');
            await field(page, 'survivorPhone').fill('9876543210');
            await field(page, 'survivorAgeYears').fill('28');
            await nextStep(page, t.stepIncident);
          },
        ],
        [
          'intake, consent',
          async () => {
            await page.locator('input[name="violenceTypes"][value="physical"]').check();
            await nextStep(page, t.stepConsent);
          },
        ],
        [
          'intake, risk',
          async () => {
            await page.locator('input[name="consentToServices"]').first().check();
            await page.locator('input[name="consentSharingAgencies"][value="dlsa"]').check();
            await page.locator('input[name="consentToReporting"]').first().check();
            await field(page, 'consentGivenBy').selectOption('survivor');
            await nextStep(page, t.stepRisk);
          },
        ],
        [
          'intake, review',
          async () => {
            await field(page, 'riskLevel').selectOption('medium');
            await nextStep(page, t.stepReview);
          },
        ],
      ]);
      await page.getByTestId('intake-save').click();
      await waitForText(page.getByTestId('case-name'), 'सुनीता देवी');
    },
    walkTimeoutMs,
  );

  it(
    'the case page with each of its forms open',
    async () => {
      await expectNoViolations([
        ['case page', () => page.getByTestId('action-service').waitFor()],
        actionForm('details', 'details-form'),
        actionForm('service', 'service-form'),
        [
          'case page, service form, what to fix',
          async () => {
            await page.getByTestId('service-form-save').click();
            await page.getByTestId('service-form').locator('.field-error').first().waitFor();
          },
        ],
        actionForm('stay', 'stay-form'),
        actionForm('referral', 'referral-form'),
        actionForm('followUp', 'follow-up-form'),
        actionForm('note', 'note-form'),
        actionForm('assign', 'assign-form'),
        actionForm('closure', 'closure-form'),
        [
          'case page with a service, a stay, a referral and a follow-up',
          async () => {
            await closeForm('closure-form');
            await addPoliceHelp(page, { firNumber: '0123/2026', policeStation: 'हज़रतगंज' });
            await admitToStay(page, 1);
            await referTo(page, 'dlsa', 'डीएलएसए लखनऊ');
            await planFollowUp(page, 0);
          },
        ],
        ...(
          [
            ['stay', hi.extend, 'extend-form'],
            ['stay', hi.discharge, 'discharge-form'],
            ['referral', hi.updateStatus, 'referral-status-form'],
            ['followUp', hi.markDone, 'follow-up-done-form'],
          ] as const
        ).map(
          ([entry, button, form]) =>
            [
              `case page, ${form}`,
              async () => {
                await page
                  .getByTestId(`entry-${entry}`)
                  .getByRole('button', { name: button })
                  .click();
                await page.getByTestId(form).waitFor();
              },
            ] as const,
        ),
      ]);
    },
    walkTimeoutMs,
  );

  it(
    'closure: requested, approved or sent back, closed, reopened',
    async () => {
      await registerCase(page, { name: 'रीना कुमारी', sharingWith: ['dlsa'] });
      await expectNoViolations([
        actionForm('closure', 'closure-form'),
        [
          'case page, closure requested',
          async () => {
            await field(page.getByTestId('closure-form'), 'closureReason').selectOption(
              'services_completed',
            );
            await page.getByTestId('closure-form-save').click();
            await page.getByTestId('closure-requested').waitFor();
          },
        ],
        actionForm('approveClosure', 'approve-closure-form'),
        actionForm('sendBack', 'send-back-form'),
        [
          'case page, closed',
          async () => {
            await page.getByTestId('action-approveClosure').click();
            await page.getByTestId('approve-closure-form-save').click();
            await page.getByTestId('closed-only-notes').waitFor();
          },
        ],
        actionForm('reopen', 'reopen-form'),
      ]);
    },
    walkTimeoutMs,
  );

  it(
    'the case list, caseload, today, sync, tablets, staff, audit log, monthly report and change PIN',
    async () => {
      const nav = (screen: string, testId: string, shown: () => Promise<void>) =>
        [
          screen,
          async () => {
            await page.getByTestId(testId).click();
            await shown();
          },
        ] as const;
      await expectNoViolations([
        nav('case list', 'nav-cases', () =>
          page.getByTestId('case-row').first().waitFor({ state: 'visible' }),
        ),
        nav('caseload', 'caseload-link', () => page.getByTestId('caseload').waitFor()),
        nav('today', 'nav-today', () => page.getByTestId('today-followups-due').waitFor()),
        nav('sync', 'nav-sync', () => page.locator('.page').first().waitFor()),
        nav('tablets', 'nav-tablets', () => page.locator('.page').first().waitFor()),
        nav('staff', 'nav-staff', () => page.getByTestId('staff-page').waitFor()),
        nav('audit log', 'nav-audit', () => page.getByTestId('audit-page').waitFor()),
        nav('monthly report', 'nav-monthly-report', async () => {
          await page.getByTestId('computed-at').waitFor();
          await page.locator('[data-testid="report-chart"] svg').first().waitFor();
        }),
        nav('change PIN', 'nav-change-pin', () => page.getByTestId('change-pin-page').waitFor()),
      ]);
    },
    walkTimeoutMs,
  );

  it(
    'unlock, a sign-out, and another centre signing in',
    async () => {
      await expectNoViolations([
        [
          'unlock',
          async () => {
            await page.goto(server.url);
            await page.getByTestId('unlock-page').waitFor();
          },
        ],
        [
          'sign-in after a sign-out',
          async () => {
            await unlockWithPin(page);
            await page.getByTestId('sign-out').click();
            await page.getByTestId('sign-out-confirm').click();
            await page.getByTestId('sign-in-page').waitFor();
          },
        ],
        [
          'another centre signing in on this tablet',
          async () => {
            await submitSignIn(page, { username: 'vns.manager', password: DEMO_PASSWORD });
            await page.getByTestId('centre-switch-page').waitFor();
          },
        ],
      ]);
    },
    walkTimeoutMs,
  );

  // A state officer works from headquarters, in a browser of her own.
  it(
    'the state dashboard and a district page',
    async () => {
      const headquarters = await launchChromium();
      const centrePage = page;
      try {
        page = await headquarters.context.newPage();
        watchForPageProblems(page, problems, { label: 'state' });
        await expectNoViolations([
          [
            'state dashboard',
            async () => {
              await page.goto(server.url);
              await signInToHeadquarters(
                page,
                { username: 'state.admin', password: DEMO_PASSWORD },
                headquartersPin,
              );
              await waitForText(page.locator('.report-page h2'), reportsMessages.hi.stateTitle);
              await page.getByTestId('fetched-at').waitFor();
            },
          ],
          [
            'district page',
            async () => {
              await page.getByTestId('district-table').getByRole('link').first().click();
              await page.locator('[data-testid="report-chart"] svg').first().waitFor();
            },
          ],
        ]);
      } finally {
        page = centrePage;
        await headquarters.close();
      }
    },
    walkTimeoutMs,
  );

  it('had no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
