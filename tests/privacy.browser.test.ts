// A lost or shared tablet leaks nothing, against the real demo server in real Chromium.
// Lucknow's caseworker fills the tablet through the app (a case with every identifying and
// free-text field, a service with an FIR, a note, a referral, a follow-up, a stay, an
// unsent change, a draft); a raw read of IndexedDB finds none of it, nor her session
// token, in any encoding. The tablet opens locked: her PIN alone opens it offline, a wrong
// PIN says so, ten wrong PINs destroy every wrapped key until an online sign-in, and the
// idle lock hides every case. Her manager unlocks the same tablet with her own PIN. A
// Varanasi caseworker is refused while changes wait; once they are sent, she confirms, the
// Lucknow cases are gone (list, search, deep link) and Varanasi's arrive, all of them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { devanagariToLatin, nameKeys } from '../src/domain/name-key.ts';
import { fill } from '../src/i18n/define-messages.ts';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import { lockMessages } from '../src/i18n/messages-lock.ts';
import { launchChromium, type LaunchedChromium } from './support/chromium.ts';
import {
  addPoliceHelp,
  admitToStay,
  chooseNewPin,
  countOutboxRows,
  field,
  nextStep,
  openFreshIntake,
  planFollowUp,
  pollUntil,
  readIntakeDraftTime,
  referTo,
  registerCase,
  signIn,
  submitSignIn,
  testPin,
  unlockWithPin,
  waitForControllingWorker,
  waitForText,
} from './support/case-register-steps.ts';
import { findLeaks, readRawTabletStore } from './support/raw-tablet-store.ts';
import { showScreenOnFailure } from './support/screen-on-failure.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const survivor = {
  name: 'ज़ेबुन्निसा ख़ातून',
  phone: '9812345670',
  address: 'मकान 14, क़ैसरबाग़ चौराहा, Qaiserbagh Lane',
  perpetratorName: 'शमशाद Farooqui',
  narrative: 'Jhumritalaiya ke mele ke baad usne मारपीट की',
  safetyPlan: 'Mausi ke ghar Nakhas jaayegi',
  incidentPlace: 'Aminabad godown',
  sharingWith: ['police'],
} as const;
const police = { firNumber: '0789/2026', policeStation: 'Chinhat Kotwali' } as const;
const noteText = 'Tamarind pickle vendor saw the bruises';
const unsentNoteText = 'Bhoolbhulaiya gate pe mili';
const referralName = 'Sheroes Hangout Trust';
const draftName = 'Parveen Bano Draftwali';
const managerPin = '639172';
const vnsCases = ['Kashi Vishwakarma', 'Godowlia Sultana'] as const;

/** Every word a reader of the raw store must not find, in the forms the app could derive. */
function survivorSecrets(): string[] {
  const words = [
    survivor.name,
    ...survivor.name.split(' '),
    devanagariToLatin(survivor.name),
    ...nameKeys(survivor.name),
    survivor.phone,
    '९८१२३४५६७०',
    survivor.phone.slice(-6),
    'क़ैसरबाग़',
    'Qaiserbagh',
    'शमशाद',
    'Farooqui',
    'Jhumritalaiya',
    'मारपीट',
    'Nakhas',
    'Aminabad',
    police.firNumber,
    'Chinhat',
    'Tamarind',
    'Bhoolbhulaiya',
    'Sheroes',
    'Draftwali',
  ];
  return [...new Set(words.filter((word) => word.length >= 4))];
}

async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('action-note').click();
  await field(page.getByTestId('note-form'), 'text').fill(text);
  await page.getByTestId('note-form-save').click();
  await page.getByTestId('entry-note').filter({ hasText: text }).waitFor();
}

async function switchUser(page: Page): Promise<void> {
  await page.getByTestId('switch-user').click();
  await page.getByTestId('unlock-page').waitFor();
}

describe('privacy of a lost or shared tablet', () => {
  let server: TestServer;
  let browser: LaunchedChromium;
  let page: Page;
  let caseId: string;
  const tokens: string[] = [];
  const userIds = new Map<string, string>();
  const problems: string[] = [];
  showScreenOnFailure(() => page);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (!response.url().endsWith('/api/auth/sign-in') || response.status() !== 200) return;
      void response
        .json()
        .then((body: { token: string; user: { id: string; username: string } }) => {
          tokens.push(body.token);
          userIds.set(body.user.username, body.user.id);
        });
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fills the tablet through the app: a case, every entry, an unsent change, a draft', async () => {
    await signIn(page);
    await waitForControllingWorker(page);
    caseId = await registerCase(page, survivor);
    await addPoliceHelp(page, police);
    await addNote(page, noteText);
    await referTo(page, 'police', referralName);
    await planFollowUp(page, 3);
    await admitToStay(page, 5);
    await pollUntil(
      () => countOutboxRows(page),
      (n) => n === 0,
      'everything sent',
    );

    await browser.context.setOffline(true);
    await addNote(page, unsentNoteText);
    expect(await countOutboxRows(page)).toBeGreaterThanOrEqual(1);
    await openFreshIntake(page);
    await field(page, 'arrivalRoute').selectOption('walk_in');
    await nextStep(page, intakeMessages.hi.stepSurvivor);
    await field(page, 'survivorName').fill(draftName);
    await pollUntil(
      () => readIntakeDraftTime(page),
      (at) => at !== null,
      'the intake draft',
    );
  });

  it('keeps none of it, nor her session token, readable in IndexedDB', async () => {
    const dump = await readRawTabletStore(page);
    // The read saw the rows it searched: each kind of record is there, sealed.
    for (const store of ['cases', 'entries', 'outbox', 'drafts', 'meta']) {
      expect(dump[store]?.length ?? 0, store).toBeGreaterThan(0);
    }
    expect(JSON.stringify(dump)).toContain(caseId);
    expect(tokens).toHaveLength(1);
    expect(findLeaks(dump, [...survivorSecrets(), ...tokens])).toEqual([]);
  });

  it('opens locked after a reload offline; a wrong PIN says so, hers opens it', async () => {
    await page.reload();
    await page.getByTestId('unlock-page').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(survivor.name);

    await unlockWithPin(page, { pin: '135792' });
    await waitForText(page.getByTestId('unlock-error'), fill(lockMessages.hi.wrongPin, { n: 9 }));
    expect(await page.getByTestId('new-case').count()).toBe(0);

    await unlockWithPin(page);
    // She comes back to the form she left, its draft restored.
    await page.getByTestId('draft-restored').waitFor();
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-row').filter({ hasText: survivor.name }).waitFor();
  });

  it('locks when idle and then shows nothing of any case', async () => {
    await page.clock.install();
    await page.reload();
    await unlockWithPin(page);
    await page.goto(new URL(`/cases/${caseId}`, server.url).href);
    await unlockWithPin(page);
    await waitForText(page.getByTestId('case-name'), survivor.name);

    // The centre's idle time is the default, 5 minutes.
    await page.clock.fastForward('05:01');
    await page.getByTestId('unlock-page').waitFor();
    const shown = await page.locator('body').innerText();
    for (const word of [survivor.name, survivor.phone, police.firNumber, noteText]) {
      expect(shown).not.toContain(word);
    }
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('lets her manager sign in here, set her own PIN, and each unlock with her own', async () => {
    await browser.context.setOffline(false);
    await page.getByTestId('unlock-sign-in-other').click();
    await submitSignIn(page, { username: 'lko.manager', password: DEMO_PASSWORD });
    await page.getByTestId('set-pin-page').waitFor();
    await chooseNewPin(page, managerPin);
    await page.getByTestId('case-row').filter({ hasText: survivor.name }).waitFor();
    const caseworkerId = userIds.get('lko.caseworker')!;
    const managerId = userIds.get('lko.manager')!;

    await switchUser(page);
    await unlockWithPin(page, { userId: caseworkerId, pin: managerPin });
    await waitForText(page.getByTestId('unlock-error'), fill(lockMessages.hi.wrongPin, { n: 9 }));
    await unlockWithPin(page, { userId: caseworkerId });
    await page.getByTestId('case-row').filter({ hasText: survivor.name }).waitFor();

    await switchUser(page);
    await unlockWithPin(page, { userId: managerId, pin: managerPin });
    await page.getByTestId('case-row').filter({ hasText: survivor.name }).waitFor();
  });

  it('destroys every PIN after 10 wrong ones; her password online lets her set a new one', async () => {
    await switchUser(page);
    const caseworkerId = userIds.get('lko.caseworker')!;
    await page.getByTestId(`unlock-staff-${caseworkerId}`).click();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await field(page.getByTestId('unlock-page'), 'pin').fill('246813');
      await page.getByTestId('unlock-submit').click();
      const attemptsLeft = 10 - attempt;
      const t = lockMessages.hi;
      await waitForText(
        page.getByTestId('unlock-error'),
        attemptsLeft === 0
          ? t.lockedOut
          : attemptsLeft === 1
            ? t.wrongPinOne
            : fill(t.wrongPin, { n: attemptsLeft }),
      );
    }
    expect(await page.getByTestId('unlock-submit').count()).toBe(0);

    // Locked out, her own PIN no longer opens anything: only the password sign-in.
    await page.reload();
    await page
      .getByTestId('sign-in-page')
      .or(page.getByTestId('unlock-sign-in-other'))
      .first()
      .waitFor();
    if (await page.getByTestId('unlock-sign-in-other').isVisible()) {
      await page.getByTestId('unlock-sign-in-other').click();
    }
    await submitSignIn(page, { username: 'lko.caseworker', password: DEMO_PASSWORD });
    await page.getByTestId('set-pin-page').waitFor();
    await chooseNewPin(page, testPin);
    await page.getByTestId('case-row').filter({ hasText: survivor.name }).waitFor();
  });

  it('refuses another centre’s sign-in while changes wait, erasing nothing', async () => {
    await browser.context.setOffline(true);
    await page.goto(new URL(`/cases/${caseId}`, server.url).href);
    // Since the lockout only she has a PIN here: no one to choose.
    await unlockWithPin(page);
    await addNote(page, 'Another unsent note');
    await switchUser(page);
    // Nothing may push it meanwhile (the service worker's locked push included).
    await browser.context.route('**/api/sync/**', (route) => route.abort());
    await browser.context.setOffline(false);
    await page.getByTestId('unlock-sign-in-other').click();
    await submitSignIn(page, { username: 'vns.caseworker', password: DEMO_PASSWORD });
    await page.getByTestId('centre-switch-waiting').waitFor();
    expect(await page.getByTestId('centre-switch-confirm').count()).toBe(0);
    expect(await countOutboxRows(page)).toBeGreaterThanOrEqual(1);
    await page.getByTestId('centre-switch-back').click();
    await browser.context.unroute('**/api/sync/**');
  });

  it('after sync, erases Lucknow’s cases on confirm and brings all of Varanasi’s', async () => {
    const varanasi = await launchChromium();
    try {
      const other = await varanasi.context.newPage();
      await other.goto(server.url);
      await signIn(other, { username: 'vns.manager', password: DEMO_PASSWORD });
      for (const name of vnsCases) await registerCase(other, { name, phone: '9000000001' });
      await pollUntil(
        () => countOutboxRows(other),
        (n) => n === 0,
        'Varanasi cases sent',
      );
    } finally {
      await varanasi.close();
    }

    // Her PIN, online: the waiting change goes up.
    await page.reload();
    await unlockWithPin(page);
    await pollUntil(
      () => countOutboxRows(page),
      (n) => n === 0,
      'the waiting change sent',
    );
    await switchUser(page);

    await page.getByTestId('unlock-sign-in-other').click();
    await submitSignIn(page, { username: 'vns.caseworker', password: DEMO_PASSWORD });
    await page.getByTestId('centre-switch-erases').waitFor();
    await page.getByTestId('centre-switch-confirm').click();
    await page.getByTestId('set-pin-page').waitFor();
    await chooseNewPin(page, testPin);
    // Her first sync brings them; the list reads when it opens (it does not follow a pull).
    await pollUntil(
      async () => (await readRawTabletStore(page)).cases?.length ?? 0,
      (n) => n === vnsCases.length,
      'Varanasi’s cases on the tablet',
    );
    await page.getByTestId('nav-today').click();
    await page.getByTestId('nav-cases').click();
    for (const name of vnsCases) {
      await page.getByTestId('case-row').filter({ hasText: name }).waitFor();
    }
    expect(await page.getByTestId('case-row').count()).toBe(vnsCases.length);
    expect(await page.locator('body').innerText()).not.toContain(survivor.name);

    await field(page, 'q').fill(survivor.phone);
    await pollUntil(
      async () => (await page.getByTestId('result-count').textContent())?.trim() ?? '',
      (text) => /^0\b/.test(text),
      'no result for her phone',
    );
    await page.goto(new URL(`/cases/${caseId}`, server.url).href);
    await unlockWithPin(page);
    await page.getByTestId('case-missing').waitFor();

    const dump = await readRawTabletStore(page);
    expect(findLeaks(dump, survivorSecrets())).toEqual([]);
  });

  it('had no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
