// A keyboard-only intake, in Chromium against the real demo server: from the case list, a
// caseworker with no mouse or touch registers a minimal case (only what intake requires: how
// she came, her name, her risk level) and saves it, in fewer than 60 key presses.
//
// What is counted, and why: every navigation or action key she presses (Tab, Shift+Tab,
// Enter, Space, the arrows, Escape) counts one each, because those are the presses the app's
// focus order and shortcuts decide; filling a field counts one, whatever its length, because
// typing her name takes as many keys on any screen and is not the app's to shorten. Choosing
// from a closed list by typing the start of its label (as on a hardware keyboard) counts as
// filling that field. Nothing here clicks, and every press goes through `press` or `fill`.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import { pollUntil, waitForText } from './support/case-register-steps.ts';
import { openAppBeforeAll, tabletUpright } from './support/open-app.ts';

const waitMs = 30_000;
const t = intakeMessages.en;

type NavigationKey =
  | 'Tab'
  | 'Shift+Tab'
  | 'Enter'
  | 'Space'
  | 'ArrowDown'
  | 'ArrowUp'
  | 'ArrowLeft'
  | 'ArrowRight'
  | 'Escape';

/** Counts her presses: one per navigation or action key, one per field filled. */
class KeyboardUser {
  presses = 0;
  readonly log: string[] = [];
  constructor(private readonly page: Page) {}

  async press(key: NavigationKey, times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      await this.page.keyboard.press(key === 'Space' ? ' ' : key);
      this.presses += 1;
      this.log.push(key);
    }
  }

  /** Types into whatever has focus: one press for the whole value. */
  async fill(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.presses += 1;
    this.log.push(`type "${text}"`);
  }

  /** Presses Tab until focus is on the element matching `selector`; at most `limit` times. */
  async tabTo(selector: string, limit = 40): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      if (await this.isFocused(selector)) return;
      await this.press('Tab');
    }
    if (!(await this.isFocused(selector))) {
      throw new Error(`${limit} Tabs did not reach ${selector}; pressed ${this.log.join(', ')}`);
    }
  }

  isFocused(selector: string): Promise<boolean> {
    return this.page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector);
  }
}

describe('keyboard-only intake of a minimal case', () => {
  const app = openAppBeforeAll({ as: 'lko.caseworker', size: tabletUpright });
  let page: Page;

  beforeAll(async () => {
    page = app.page;
    await page.getByTestId('language-switch').click();
    await waitForText(page.getByTestId('app-title'), 'Sakhi');
  });

  it('registers her from the case list in fewer than 60 key presses', async () => {
    // As she finds the case list after signing in: nothing focused yet.
    await page.getByTestId('nav-cases').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const user = new KeyboardUser(page);
    const stepTitle = page.getByTestId('step-title');
    // Each step after the first shows its title and puts focus on it: her next Tab
    // starts from there.
    const reachStep = async (title: string) => {
      await waitForText(stepTitle, title);
      await pollUntil(
        () => user.isFocused('[data-testid="step-title"]'),
        Boolean,
        `focus on the step title "${title}"`,
      );
    };
    const perStep: Record<string, number> = {};
    let before = 0;
    const endStep = (name: string) => {
      perStep[name] = user.presses - before;
      before = user.presses;
    };

    await user.tabTo('[data-testid="new-case"]');
    await user.press('Enter');
    await waitForText(stepTitle, t.stepArrival);
    endStep('case list → intake');

    await user.tabTo('[name="arrivalRoute"]');
    await user.fill('Walk');
    await user.press('Enter');
    await reachStep(t.stepSurvivor);
    endStep('arrival');

    await user.tabTo('[name="survivorName"]');
    await user.fill('Sunita Devi');
    await user.press('Enter');
    await reachStep(t.stepIncident);
    endStep('survivor');

    await user.tabTo('[name="incidentDate"]');
    await user.press('Enter');
    await reachStep(t.stepConsent);
    endStep('incident');

    await user.tabTo('[name="consentToServices"]');
    await user.press('Enter');
    await reachStep(t.stepRisk);
    endStep('consent');

    await user.tabTo('[name="riskLevel"]');
    await user.fill('Low');
    await user.press('Enter');
    await reachStep(t.stepReview);
    endStep('risk');

    await user.tabTo('[data-testid="intake-save"]:not([disabled])');
    await user.press('Enter');
    await page.waitForURL((url) => /^\/cases\/(?!new$)[^/]+$/.test(url.pathname), {
      timeout: waitMs,
    });
    await waitForText(page.getByTestId('case-name'), 'Sunita Devi');
    endStep('review → saved');

    console.log(`Keyboard intake: ${user.presses} presses`, perStep, user.log.join(', '));
    expect(user.presses).toBeLessThan(60);
  }, 180_000);

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
