/**
 * The fault harness in real Chromium (part of `npm run test:faults`): the built app, served
 * by the real server as its own process, on a tablet whose tab is closed, or whose whole
 * browser is SIGKILLed, in the middle of a save and of a sync run (push and pull); and whose
 * storage fills up (a small origin quota set through the DevTools protocol) during a save
 * and during a pull page.
 *
 * Every scenario ends the same way: the tablet syncs on a good link until its outbox is
 * empty, and a separate tablet pulls everything from the server. Then: a save the app had
 * confirmed (its case page or note shown) missing on the server or on the tablet is LOST;
 * a save found on only one of them, or without all the fields such a save writes, or with
 * the tablet's stored columns differing from the server's, is HALF-WRITTEN; a save found
 * more than once on the server is DUPLICATED. An unconfirmed save may be wholly there or
 * wholly absent, never half. The rows join the one table of the fault run.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeMessages } from '../src/i18n/messages-intake.ts';
import { appMessages } from '../src/i18n/messages.ts';
import {
  addNote,
  closeBrowserTablet,
  closeTab,
  killBrowser,
  openBrowserTablet,
  openNewTab,
  readPullCursor,
  readStoredRecords,
  restartBrowser,
  fillStorage,
  freeStorage,
  syncOnce,
  syncUntilSent,
  type BrowserTablet,
} from './support/browser-fault-tablet.ts';
import {
  field,
  indiaDatePlus,
  nextStep,
  openFreshIntake,
  registerCase,
  waitForText,
} from './support/case-register-steps.ts';
import {
  closeTablets,
  openTablet,
  printResults,
  recordsOf,
  saveWork,
  syncUntilSent as syncNodeTabletUntilSent,
  type ScenarioResult,
  type Tablet,
} from './support/fault-tablets.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

let server: ServerProcess;
let tablet: BrowserTablet;
/** Reads the server's side: pulls everything after each scenario (lko.counsellor). */
let auditor: Tablet;
/** Writes what the browser tablet pulls (lko.manager, a node tablet). */
let writer: Tablet;
const results: ScenarioResult[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What only that save wrote: her name on a case, the text of a note. */
function markerOf(fields: Record<string, { value: unknown }>): string | null {
  const marker = fields.survivorName?.value ?? fields.text?.value;
  return typeof marker === 'string' ? marker : null;
}

/** Counts the scenario's saves (markers starting with `label`) against server and tablet. */
async function judge(
  scenario: string,
  label: string,
  tried: number,
  confirmed: ReadonlySet<string>,
): Promise<ScenarioResult> {
  await syncUntilSent(tablet);
  await syncNodeTabletUntilSent(auditor);
  await auditor.sync();
  const onServer = await recordsOf(auditor);
  const stored = await readStoredRecords(tablet.page);
  const storedById = new Map([...stored.cases, ...stored.entries].map((row) => [row.id, row]));

  const ours = [...onServer].filter(([, fields]) => markerOf(fields)?.startsWith(`${label} `));
  // Every field any save of its kind wrote: a record without one of them is half there.
  const kindOf = (fields: object) => ('survivorName' in fields ? 'case' : 'note');
  const namesByKind = new Map<string, Set<string>>();
  for (const [, fields] of ours) {
    const names = namesByKind.get(kindOf(fields)) ?? new Set<string>();
    for (const name of Object.keys(fields)) names.add(name);
    namesByKind.set(kindOf(fields), names);
  }
  const copies = new Map<string, number>();
  let halfWritten = 0;
  for (const [id, fields] of ours) {
    const marker = markerOf(fields)!;
    copies.set(marker, (copies.get(marker) ?? 0) + 1);
    const row = storedById.get(id);
    const isWhole =
      row !== undefined &&
      [...namesByKind.get(kindOf(fields))!].every((name) => name in fields) &&
      (row.caseNumber === undefined || row.caseNumber === fields.caseNumber?.value) &&
      (row.status === undefined || row.status === fields.status?.value);
    if (!isWhole) halfWritten += 1;
  }
  // Written on the tablet, never arrived on the server (its outbox is empty by now).
  for (const id of storedById.keys()) if (!onServer.has(id)) halfWritten += 1;

  let lost = 0;
  for (const marker of confirmed) {
    const found = ours.filter(([, fields]) => markerOf(fields) === marker);
    if (found.length === 0 || found.some(([id]) => !storedById.has(id))) lost += 1;
  }
  const duplicated = [...copies.values()].filter((count) => count > 1).length;
  const result = { scenario, tried, lost, duplicated, halfWritten, refused: stored.refused };
  results.push(result);
  return result;
}

function expectNothingLost(result: ScenarioResult): void {
  expect(result).toMatchObject({ lost: 0, duplicated: 0, halfWritten: 0, refused: 0 });
}

/** The intake form filled through every step, up to the review, not yet saved. */
async function fillIntake(page: Page, name: string): Promise<void> {
  const t = intakeMessages.hi;
  await openFreshIntake(page);
  await field(page, 'arrivalRoute').selectOption('walk_in');
  await nextStep(page, t.stepSurvivor);
  await field(page, 'survivorName').fill(name);
  await field(page, 'survivorAgeYears').fill('31');
  await nextStep(page, t.stepIncident);
  await field(page, 'incidentDate').fill(indiaDatePlus(-2));
  await page.locator('input[name="violenceTypes"][value="domestic_violence"]').check();
  await nextStep(page, t.stepConsent);
  await page.locator('input[name="consentToServices"]').first().check();
  await page.locator('input[name="consentToReporting"]').first().check();
  await field(page, 'consentGivenBy').selectOption('survivor');
  await nextStep(page, t.stepRisk);
  await field(page, 'riskLevel').selectOption('medium');
  await nextStep(page, t.stepReview);
}

const isCasePage = (path: string) => /^\/cases\/(?!new$)[^/]+$/.test(path);

/**
 * Saves `delays.length` cases, cutting each save short `delay` ms after "save" was pressed:
 * `cut` closes the tab or kills the browser, `reopen` brings the tablet back.
 */
async function saveAndCut(
  label: string,
  delays: readonly number[],
  cut: () => Promise<void>,
  reopen: () => Promise<void>,
): Promise<Set<string>> {
  const confirmed = new Set<string>();
  for (const [i, delay] of delays.entries()) {
    const name = `${label} ${i}`;
    await fillIntake(tablet.page, name);
    await tablet.page.getByTestId('intake-save').click();
    await sleep(delay);
    // What she saw at the moment it went: a case page means the app told her it was saved.
    const path = await tablet.page.evaluate(() => location.pathname);
    if (isCasePage(path)) confirmed.add(name);
    await cut();
    await reopen();
  }
  return confirmed;
}

/** Saves notes offline on the open case page, comes online and cuts the sync run short. */
async function pushAndCut(
  label: string,
  delays: readonly number[],
  caseId: string,
  cut: () => Promise<void>,
  reopen: () => Promise<void>,
): Promise<Set<string>> {
  const confirmed = new Set<string>();
  for (const [round, delay] of delays.entries()) {
    await tablet.browser.context.setOffline(true);
    for (let i = 0; i < 4; i += 1) {
      const text = `${label} ${round}-${i}`;
      await addNote(tablet.page, text);
      confirmed.add(text);
    }
    await tablet.browser.context.setOffline(false);
    await sleep(delay);
    await cut();
    await reopen();
    await openCasePage(tablet.page, caseId);
  }
  return confirmed;
}

async function openCasePage(page: Page, caseId: string): Promise<void> {
  await page.evaluate((path) => {
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, `/cases/${caseId}`);
  await page.getByTestId('case-summary').waitFor({ timeout: 15_000 });
}

/** The writer's cases (pushed to the server), which the browser tablet then pulls. */
async function writeForPull(label: string, count: number): Promise<Set<string>> {
  for (let i = 0; i < count; i += 1) await saveWork(writer, label, i);
  await syncNodeTabletUntilSent(writer);
  const written = new Set<string>();
  for (const fields of (await recordsOf(writer)).values()) {
    const marker = markerOf(fields);
    if (marker?.startsWith(`${label} `)) written.add(marker);
  }
  return written;
}

const closeAndReopenTab = {
  cut: () => closeTab(tablet),
  reopen: () => openNewTab(tablet).then(() => undefined),
};
const killAndRestart = { cut: () => killBrowser(tablet), reopen: () => restartBrowser(tablet) };

beforeAll(async () => {
  server = await startServerProcess();
  auditor = await openTablet(server.url, 'lko.counsellor');
  writer = await openTablet(server.url, 'lko.manager');
  tablet = await openBrowserTablet(server.url);
}, 120_000);

afterAll(async () => {
  if (tablet) await closeBrowserTablet(tablet);
  closeTablets();
  await server?.close();
  printResults(results);
});

describe('the app in Chromium under faults', () => {
  it('refuses a save visibly when storage is full, keeps her form, and saves once space is back', async () => {
    const before = await readStoredRecords(tablet.page);
    await fillIntake(tablet.page, 'FullSave 0');
    expect(await fillStorage(tablet.page)).toBeGreaterThan(0);
    await tablet.page.getByTestId('intake-save').click();
    const failed = tablet.page.getByTestId('intake-save-failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.textContent()).toContain('टैबलेट की जगह भर गई है, इसलिए सहेजा नहीं गया।');
    // Her form, as she typed it: still on the review, her name one step back.
    expect(new URL(tablet.page.url()).pathname).toBe('/cases/new');
    await tablet.page.getByTestId('intake-back').click();
    await tablet.page.getByTestId('intake-back').click();
    await tablet.page.getByTestId('intake-back').click();
    await tablet.page.getByTestId('intake-back').click();
    await waitForText(tablet.page.getByTestId('step-title'), intakeMessages.hi.stepSurvivor);
    expect(await field(tablet.page, 'survivorName').inputValue()).toBe('FullSave 0');
    // Nothing saved before is gone.
    const during = await readStoredRecords(tablet.page);
    expect(during.cases.map((row) => row.id).sort()).toEqual(
      before.cases.map((row) => row.id).sort(),
    );

    await freeStorage(tablet.page);
    for (const title of [
      intakeMessages.hi.stepIncident,
      intakeMessages.hi.stepConsent,
      intakeMessages.hi.stepRisk,
      intakeMessages.hi.stepReview,
    ]) {
      await nextStep(tablet.page, title);
    }
    await tablet.page.getByTestId('intake-save').click();
    await waitForText(tablet.page.getByTestId('case-name'), 'FullSave 0');
    expectNothingLost(
      await judge('Chromium storage full during save', 'FullSave', 1, new Set(['FullSave 0'])),
    );
  }, 120_000);

  it('does not move the pull cursor when a pulled page cannot be stored', async () => {
    const written = await writeForPull('FullPull', 20);
    const cursorBefore = await readPullCursor(tablet.page);
    expect(await fillStorage(tablet.page)).toBeGreaterThan(0);
    expect(await syncOnce(tablet, 5_000)).toBe(false);
    const banner = tablet.page.getByTestId('sync-storage-full');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain(appMessages.hi.syncStorageFull);
    expect(await readPullCursor(tablet.page)).toBe(cursorBefore);
    const stored = await readStoredRecords(tablet.page);
    const pulledIds = new Set([...stored.cases, ...stored.entries].map((row) => row.id));
    const writtenIds = [...(await recordsOf(writer)).entries()]
      .filter(([, fields]) => markerOf(fields)?.startsWith('FullPull '))
      .map(([id]) => id);
    expect(writtenIds.filter((id) => pulledIds.has(id))).toEqual([]);

    await freeStorage(tablet.page);
    const result = await judge(
      'Chromium storage full during pull',
      'FullPull',
      written.size,
      written,
    );
    expect(await readPullCursor(tablet.page)).not.toBe(cursorBefore);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    expectNothingLost(result);
  }, 120_000);

  it('keeps every confirmed save, whole and once, when the tab is closed mid-save', async () => {
    // From before the save commits to after the case page shows.
    const delays = [0, 60, 150, 400];
    const confirmed = await saveAndCut(
      'TabSave',
      delays,
      closeAndReopenTab.cut,
      closeAndReopenTab.reopen,
    );
    expect(confirmed.size).toBeGreaterThan(0);
    expectNothingLost(
      await judge('Chromium tab closed during save', 'TabSave', delays.length, confirmed),
    );
  }, 120_000);

  it('keeps every confirmed save when the browser is killed mid-save', async () => {
    const delays = [20, 120, 400];
    const confirmed = await saveAndCut(
      'KillSave',
      delays,
      killAndRestart.cut,
      killAndRestart.reopen,
    );
    expect(confirmed.size).toBeGreaterThan(0);
    expectNothingLost(
      await judge('Chromium killed during save', 'KillSave', delays.length, confirmed),
    );
  }, 120_000);

  it('sends every note once when the tab is closed or the browser killed mid-push', async () => {
    const caseId = await registerCase(tablet.page, { name: 'PushCase 0' });
    const byTab = await pushAndCut(
      'TabPush',
      [0, 80, 200],
      caseId,
      closeAndReopenTab.cut,
      closeAndReopenTab.reopen,
    );
    expectNothingLost(await judge('Chromium tab closed during push', 'TabPush', byTab.size, byTab));
    const byKill = await pushAndCut(
      'KillPush',
      [40, 150],
      caseId,
      killAndRestart.cut,
      killAndRestart.reopen,
    );
    expectNothingLost(await judge('Chromium killed during push', 'KillPush', byKill.size, byKill));
  }, 150_000);

  it('pulls everything in the end when the tab is closed or the browser killed mid-pull', async () => {
    for (const [label, delay, how, scenario] of [
      ['TabPull', 150, closeAndReopenTab, 'Chromium tab closed during pull'],
      ['KillPull', 250, killAndRestart, 'Chromium killed during pull'],
    ] as const) {
      const written = await writeForPull(label, 20);
      await tablet.browser.context.setOffline(true);
      await tablet.browser.context.setOffline(false);
      await sleep(delay);
      await how.cut();
      await how.reopen();
      expectNothingLost(await judge(scenario, label, written.size, written));
    }
  }, 150_000);

  it('had no errors in the page beyond the refusals and cut requests the faults cause', () => {
    expect(tablet.problems.filter((problem) => !isExpectedProblem(problem))).toEqual([]);
  });
});

/** A killed tab's requests and a full disk's refusals are what these scenarios cause. */
function isExpectedProblem(problem: string): boolean {
  return /QuotaExceeded|quota|Failed to fetch|net::ERR_|Target (page|closed)/i.test(problem);
}
