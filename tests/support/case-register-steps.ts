/**
 * What a staff member does on the tablet, as steps for browser tests: sign in (online, with
 * a demo account of the real server), register a case through every intake step, record a
 * service, a stay, a follow-up.
 * Each step drives the screens the way a person does (data-testid and field names, as the
 * component tests do) and waits on what the screen shows, never on a fixed delay.
 *
 *   await signIn(page);                       // lko.caseworker, while online
 *   const caseId = await registerCase(page, { name: 'सुनीता देवी', phone: '9876543210' });
 *   await addPoliceHelp(page, { firNumber: '0123/2026', policeStation: 'हज़रतगंज' });
 */
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { addDays, indiaDateOf } from '../../src/domain/india-time.ts';
import type { Lang } from '../../src/i18n/lang.ts';
import { intakeMessages } from '../../src/i18n/messages-intake.ts';

// Generous: CI runs many browser files at once on two cores, and a screen that appears
// late is not a failure; one that never appears still fails within the test's time.
const waitMs = 30_000;

/**
 * Reads until `isDone` holds, or throws with what was last read. (Not expect.poll: these
 * steps also run in beforeAll hooks, where Vitest allows no expect.poll.)
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  what: string,
  timeoutMs = waitMs,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (isDone(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeoutMs} ms for ${what}; last saw ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the element's whole text (trimmed) is `text`, or matches it. */
export async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  await pollUntil(
    async () => (await locator.textContent({ timeout: waitMs }))?.trim() ?? '',
    (shown) => (typeof text === 'string' ? shown === text : text.test(shown)),
    `${locator.toString()} to read ${String(text)}`,
  );
}

/** Today in India (what the app counts stays and follow-ups by), moved by `days`. */
export function indiaDatePlus(days: number): string {
  return addDays(indiaDateOf(new Date()), days);
}

/** Until a service worker controls the page; when none does in time, says what state it is in. */
export async function waitForControllingWorker(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 30_000,
    });
  } catch (error) {
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) return 'no registration';
      const { installing, waiting, active } = registration;
      return `installing ${installing?.state}, waiting ${waiting?.state}, active ${active?.state}`;
    });
    throw new Error(`No service worker controls the page after 30 s (${state})`, {
      cause: error,
    });
  }
}

/** The demo server's Lucknow caseworker (server/services/demo-seed.ts). */
export const demoCaseworker = { username: 'lko.caseworker', password: DEMO_PASSWORD } as const;

/** Types a username and password into the sign-in screen and sends them. */
export async function submitSignIn(
  page: Page,
  credentials: { readonly username: string; readonly password: string },
  timeoutMs = waitMs,
): Promise<void> {
  const form = page.getByTestId('sign-in-page');
  await form.waitFor({ timeout: timeoutMs });
  await field(form, 'username').fill(credentials.username);
  await field(form, 'password').fill(credentials.password);
  await page.getByTestId('sign-in-submit').click();
}

/** The PIN the browser tests' staff choose; the policy accepts it. */
export const testPin = '482915';

/**
 * Password sign-in; then, the first time she signs in on this tablet, the PIN she chooses
 * (`testPin`), and the case list. `timeoutMs` is for each screen to appear; a shaped link
 * on a busy machine needs more than the default.
 */
export async function signIn(
  page: Page,
  credentials: { readonly username: string; readonly password: string } = demoCaseworker,
  timeoutMs = waitMs,
): Promise<void> {
  await submitSignIn(page, credentials, timeoutMs);
  const caseList = page.getByTestId('new-case');
  const setPin = page.getByTestId('set-pin-page');
  await caseList.or(setPin).first().waitFor({ timeout: timeoutMs });
  if (await setPin.isVisible()) await chooseNewPin(page, testPin);
  await caseList.waitFor({ timeout: timeoutMs });
}

export async function chooseNewPin(page: Page, pin: string): Promise<void> {
  const form = page.getByTestId('set-pin-page');
  await field(form, 'new-pin').fill(pin);
  await field(form, 'repeat-pin').fill(pin);
  await page.getByTestId('set-pin-submit').click();
}

/** On the unlock screen: her name (when several have PINs here), her PIN, and the case list. */
export async function unlockWithPin(
  page: Page,
  options: { readonly userId?: string; readonly pin?: string } = {},
): Promise<void> {
  const unlock = page.getByTestId('unlock-page');
  await unlock.waitFor({ timeout: waitMs });
  if (options.userId) await page.getByTestId(`unlock-staff-${options.userId}`).click();
  await field(unlock, 'pin').fill(options.pin ?? testPin);
  await page.getByTestId('unlock-submit').click();
}

/** The language the header shows, switched to `lang` if it is not already. */
export async function switchLanguageTo(page: Page, lang: Lang): Promise<void> {
  const title = page.getByTestId('app-title');
  const current = (await title.textContent({ timeout: waitMs })) === 'Sakhi' ? 'en' : 'hi';
  if (current !== lang) await page.getByTestId('language-switch').click();
  await waitForText(title, lang === 'en' ? 'Sakhi' : 'सखी');
}

export function field(page: Page | Locator, name: string): Locator {
  return page.locator(`[name="${name}"]`);
}

/** Presses Next and waits for the step called `title`. */
export async function nextStep(page: Page, title: string): Promise<void> {
  await page.getByTestId('intake-next').click();
  await waitForText(page.getByTestId('step-title'), title);
}

/** The intake form, fresh: a restored draft is discarded first. */
export async function openFreshIntake(page: Page, lang: Lang = 'hi'): Promise<void> {
  await page.getByTestId('nav-new-case').click();
  const stepTitle = page.getByTestId('step-title');
  await stepTitle.waitFor({ timeout: waitMs });
  if (await page.getByTestId('draft-restored').isVisible()) {
    await page.getByTestId('start-over').click();
    await page.getByTestId('start-over-confirm').click();
  }
  await waitForText(stepTitle, intakeMessages[lang].stepArrival);
}

export interface SurvivorCase {
  readonly name: string;
  readonly phone?: string;
  readonly ageYears?: string;
  readonly arrivalRoute?: string;
  readonly violenceTypes?: readonly string[];
  /** Agencies she agrees her information may be shared with. */
  readonly sharingWith?: readonly string[];
  readonly riskLevel?: 'low' | 'medium' | 'high';
  readonly safetyPlan?: string;
  readonly incidentPlace?: string;
  readonly perpetratorRelationship?: string;
  readonly address?: string;
  readonly perpetratorName?: string;
  readonly narrative?: string;
}

/**
 * Registers a case through every intake step (arrival, survivor, incident, consent, risk,
 * review) and returns its id, from the case page the app opens after saving.
 */
export async function registerCase(
  page: Page,
  survivor: SurvivorCase,
  lang: Lang = 'hi',
): Promise<string> {
  const t = intakeMessages[lang];
  await openFreshIntake(page, lang);
  await field(page, 'arrivalRoute').selectOption(survivor.arrivalRoute ?? 'walk_in');
  await nextStep(page, t.stepSurvivor);

  await field(page, 'survivorName').fill(survivor.name);
  await field(page, 'survivorAgeYears').fill(survivor.ageYears ?? '28');
  if (survivor.phone) await field(page, 'survivorPhone').fill(survivor.phone);
  if (survivor.address) await field(page, 'survivorAddress').fill(survivor.address);
  await nextStep(page, t.stepIncident);

  await field(page, 'incidentDate').fill(indiaDatePlus(-1));
  if (survivor.incidentPlace) await field(page, 'incidentPlace').fill(survivor.incidentPlace);
  for (const violenceType of survivor.violenceTypes ?? ['domestic_violence']) {
    await page.locator(`input[name="violenceTypes"][value="${violenceType}"]`).check();
  }
  if (survivor.perpetratorName) await field(page, 'perpetratorName').fill(survivor.perpetratorName);
  if (survivor.perpetratorRelationship) {
    await field(page, 'perpetratorRelationship').selectOption(survivor.perpetratorRelationship);
  }
  if (survivor.narrative) await field(page, 'incidentNarrative').fill(survivor.narrative);
  await nextStep(page, t.stepConsent);

  // Yes, no, not asked: the first is yes.
  await page.locator('input[name="consentToServices"]').first().check();
  for (const agency of survivor.sharingWith ?? []) {
    await page.locator(`input[name="consentSharingAgencies"][value="${agency}"]`).check();
  }
  await page.locator('input[name="consentToReporting"]').first().check();
  await field(page, 'consentGivenBy').selectOption('survivor');
  await nextStep(page, t.stepRisk);

  await field(page, 'riskLevel').selectOption(survivor.riskLevel ?? 'medium');
  if (survivor.safetyPlan) await field(page, 'safetyPlan').fill(survivor.safetyPlan);
  await nextStep(page, t.stepReview);

  // Enabled once the check for earlier cases of the same woman has answered.
  await page.getByTestId('intake-save').click();
  await page.waitForURL((url) => /^\/cases\/(?!new$)[^/]+$/.test(url.pathname), {
    timeout: waitMs,
  });
  await waitForText(page.getByTestId('case-name'), survivor.name);
  return decodeURIComponent(new URL(page.url()).pathname.replace('/cases/', ''));
}

/** On the case page: police help with an FIR number and police station. */
export async function addPoliceHelp(
  page: Page,
  details: { readonly firNumber: string; readonly policeStation: string },
): Promise<void> {
  await page.getByTestId('action-service').click();
  const form = page.getByTestId('service-form');
  await field(form, 'serviceKind').selectOption('police_help');
  await field(form, 'firNumber').fill(details.firNumber);
  await field(form, 'policeStation').fill(details.policeStation);
  await page.getByTestId('service-form-save').click();
  await page
    .getByTestId('entry-service')
    .filter({ hasText: details.firNumber })
    .waitFor({ timeout: waitMs });
}

/** On the case page: admits her to the short stay, discharge planned `days` days from today. */
export async function admitToStay(page: Page, plannedDischargeInDays: number): Promise<void> {
  await page.getByTestId('action-stay').click();
  const form = page.getByTestId('stay-form');
  await field(form, 'plannedDischargeDate').fill(indiaDatePlus(plannedDischargeInDays));
  await page.getByTestId('stay-form-save').click();
  await page.getByTestId('entry-stay').waitFor({ timeout: waitMs });
}

/** On the case page: a follow-up due `dueInDays` days from today (the form refuses a past day). */
export async function planFollowUp(page: Page, dueInDays: number, mode = 'phone'): Promise<void> {
  const before = await page.getByTestId('entry-followUp').count();
  await page.getByTestId('action-followUp').click();
  const form = page.getByTestId('follow-up-form');
  await field(form, 'dueDate').fill(indiaDatePlus(dueInDays));
  await field(form, 'mode').selectOption(mode);
  await page.getByTestId('follow-up-form-save').click();
  await pollUntil(
    () => page.getByTestId('entry-followUp').count(),
    (count) => count === before + 1,
    'the new follow-up in the timeline',
  );
}

/** On the case page: a referral sent to `agency` (she must have consented to sharing with it). */
export async function referTo(page: Page, agency: string, agencyName?: string): Promise<void> {
  await page.getByTestId('action-referral').click();
  const form = page.getByTestId('referral-form');
  await field(form, 'agency').selectOption(agency);
  if (agencyName) await field(form, 'agencyName').fill(agencyName);
  await page.getByTestId('referral-form-save').click();
  await page.getByTestId('entry-referral').waitFor({ timeout: waitMs });
}

/** The number the header shows as changes waiting to go up (0 when it says all are sent). */
export async function shownPendingChanges(page: Page): Promise<number> {
  const text = (await page.getByTestId('pending-changes').textContent({ timeout: waitMs })) ?? '';
  const match = /\d+/.exec(text);
  return match ? Number(match[0]) : 0;
}

/**
 * Outbox rows in the tablet's database, read with IndexedDB itself rather than through
 * the app, as the truth the header's count is checked against.
 */
export function countOutboxRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sakhi');
        // Never create the database: only the app may, at its own version.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => {
            db.close();
            reject(count.error ?? new Error('outbox count failed'));
          };
        };
      }),
  );
}

/**
 * When the intake draft was last written, or null if none: its unsealed `updatedAt` (the
 * app's corrected time) less the clock's stored offset from the server, so it compares
 * with the page's own `Date.now()` — the offset, measured over a slow sign-in, would
 * otherwise make a draft written after a moment look older than it.
 */
export function readIntakeDraftTime(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve, reject) => {
        const open = indexedDB.open('sakhi');
        // Never create the database: only the app may, at its own version.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['drafts', 'meta']);
          const read = transaction.objectStore('drafts').get('intake-new');
          const clock = transaction.objectStore('meta').get('clock');
          transaction.oncomplete = () => {
            db.close();
            const draft = read.result as { updatedAt?: string } | undefined;
            const offsetMs = (clock.result as { value?: { offsetMs?: number } } | undefined)?.value
              ?.offsetMs;
            resolve(draft?.updatedAt ? Date.parse(draft.updatedAt) - (offsetMs ?? 0) : null);
          };
          read.onerror = () => {
            db.close();
            reject(read.error ?? new Error('draft read failed'));
          };
        };
      }),
  );
}
