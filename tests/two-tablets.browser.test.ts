// Issue 5, "Done when": two tablets of one centre (two Chromium profiles, Lucknow's
// caseworker and manager) both go offline and change the same case without seeing each
// other. Both ask for its closure with different reasons (the clash: the same field,
// different values); besides, the caseworker adds a note and the manager records police
// help (entries are records of their own and never clash). Back online, both converge on
// the reason with the greater stamp, each sees the other's entry, and the losing reason is
// kept as a conflict the manager sees on /sync. A third tablet, Varanasi's manager, sees
// none of it. Sync is triggered as a tablet triggers it (the `online` event), and each wait
// is on what the tablet stored (its last successful sync) or the server holds.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { DEMO_ACCOUNTS } from '../server/services/demo-seed.ts';
import type { RecordType } from '../src/domain/protocol.ts';
import { closureReasons } from '../src/domain/vocabularies-case.ts';
import { caseFileMessages } from '../src/i18n/messages-case-file.ts';
import { openApp } from './support/open-app.ts';
import {
  addPoliceHelp,
  countOutboxRows,
  field,
  pollUntil,
  registerCase,
  shownPendingChanges,
  unlockWithPin,
} from './support/case-register-steps.ts';
import { findLeaks, readRawTabletStore } from './support/raw-tablet-store.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { syncNow, type NamedTablet } from './support/tablet-meta.ts';
import { readStoredFields } from '../server/db/sync-record-fields.ts';

const survivorName = 'रेखा कुमारी';
const noteText = 'उसकी बहन ने फ़ोन किया, वह सुरक्षित है।';
const police = { firNumber: '0456/2026', policeStation: 'गोमती नगर' } as const;
/** Tablet A's reason and tablet B's: the clash. */
const reasonA = 'survivor_withdrew';
const reasonB = 'referred_onward';

/** A new navigation starts the app again: locked, until her PIN opens it. */
async function openUnlocked(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await unlockWithPin(page);
}

async function openCase(tablet: NamedTablet, baseUrl: string, caseId: string): Promise<void> {
  await openUnlocked(tablet.page, new URL(`/cases/${caseId}`, baseUrl).href);
  await tablet.page
    .getByTestId('case-summary')
    .or(tablet.page.getByTestId('case-missing'))
    .waitFor();
}

/** On the case page: asks for closure with `reason`, and waits for the banner that says so. */
async function requestClosure(page: Page, reason: string): Promise<void> {
  await page.getByTestId('action-closure').click();
  const form = page.getByTestId('closure-form');
  await field(form, 'closureReason').selectOption(reason);
  await page.getByTestId('closure-form-save').click();
  await page.getByTestId('closure-requested').waitFor();
}

async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('action-note').click();
  await field(page.getByTestId('note-form'), 'text').fill(text);
  await page.getByTestId('note-form-save').click();
  await page.getByTestId('entry-note').filter({ hasText: text }).waitFor();
}

describe('two tablets of one centre edit one case offline', () => {
  let server: TestServer;
  let tabletA: NamedTablet;
  let tabletB: NamedTablet;
  let tabletC: NamedTablet;
  let caseId: string;
  let caseNumber: string;
  const problems: string[] = [];

  const launchTablet = async (name: string, username: string): Promise<NamedTablet> => ({
    name,
    ...(await openApp(server, { as: username, shouldWaitForWorker: true, problems, label: name })),
  });

  const serverRecords = async (recordType: RecordType) => {
    const rows = await server.database.db
      .withTables<SyncTables>()
      .selectFrom('sync_records')
      .select(['id', 'fields'])
      .where('case_id', '=', caseId)
      .where('record_type', '=', recordType)
      .execute();
    return rows.map((row) => ({ id: row.id, fields: readStoredFields(row.fields) }));
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [tabletA, tabletB, tabletC] = await Promise.all([
      launchTablet('A', 'lko.caseworker'),
      launchTablet('B', 'lko.manager'),
      launchTablet('C', 'vns.manager'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([tabletA, tabletB, tabletC].map((tablet) => tablet?.browser.close()));
    await server?.close();
  });

  it('registers a case on tablet A that reaches headquarters and tablet B', async () => {
    caseId = await registerCase(tabletA.page, { name: survivorName, phone: '9876501234' });
    caseNumber = (await tabletA.page.getByTestId('case-number').textContent())?.trim() ?? '';
    await pollUntil(
      () => serverRecords('case'),
      (rows) => rows.length === 1,
      'the case on the server',
    );
    await pollUntil(
      () => countOutboxRows(tabletA.page),
      (n) => n === 0,
      'A has sent it',
    );

    await syncNow(tabletB);
    await openCase(tabletB, server.url, caseId);
    expect(await tabletB.page.getByTestId('case-name').textContent()).toBe(survivorName);
    expect(await tabletB.page.getByTestId('closure-requested').count()).toBe(0);
  });

  it('lets both change it offline without seeing each other', async () => {
    await tabletA.browser.context.setOffline(true);
    await tabletB.browser.context.setOffline(true);

    await requestClosure(tabletA.page, reasonA);
    await addNote(tabletA.page, noteText);
    await requestClosure(tabletB.page, reasonB);
    await addPoliceHelp(tabletB.page, police);

    // The closure request and the entry: two records, both waiting to go up.
    for (const tablet of [tabletA, tabletB]) {
      expect(await countOutboxRows(tablet.page)).toBeGreaterThanOrEqual(2);
      // The header reads the count again on its own beat (screen change, sync run, timer).
      await pollUntil(
        () => shownPendingChanges(tablet.page),
        (n) => n >= 2,
        `tablet ${tablet.name}'s header to count the waiting changes`,
      );
    }
    expect(await serverRecords('note')).toEqual([]);
    expect(await serverRecords('service')).toEqual([]);
    const [stored] = await serverRecords('case');
    expect(stored?.fields.closureReason?.value ?? null).toBeNull();
  });

  it('converges both tablets and keeps the losing reason as a conflict', async () => {
    await Promise.all([
      tabletA.browser.context.setOffline(false),
      tabletB.browser.context.setOffline(false),
    ]);
    // Both pushes in: each tablet's outbox is empty, and the server kept a conflict.
    for (const tablet of [tabletA, tabletB]) {
      await pollUntil(
        () => countOutboxRows(tablet.page),
        (n) => n === 0,
        `tablet ${tablet.name} has sent everything`,
      );
    }
    const conflicts = await pollUntil(
      () => serverRecords('conflict'),
      (rows) => rows.some((row) => row.fields.field?.value === 'closureReason'),
      'a closureReason conflict on the server',
    );
    // Whoever pushed first pulled before the other's push: one more run each pulls it all.
    await syncNow(tabletA);
    await syncNow(tabletB);

    const [stored] = await serverRecords('case');
    const winning = stored!.fields.closureReason!;
    expect([reasonA, reasonB]).toContain(winning.value);
    const losing = winning.value === reasonA ? reasonB : reasonA;
    const reasonConflicts = conflicts.filter((row) => row.fields.field?.value === 'closureReason');
    expect(reasonConflicts).toHaveLength(1);
    const conflict = reasonConflicts[0]!.fields;
    expect(conflict.value?.value).toBe(losing);
    expect(conflict.winningStamp?.value).toBe(winning.stamp);
    expect(String(conflict.stamp?.value) < winning.stamp).toBe(true);
    // The request's other fields clash too (who asked, when); the note and service never do.
    expect(conflicts.map((row) => row.fields.field?.value).sort()).toEqual([
      'closureReason',
      'closureRequestedAt',
      'closureRequestedBy',
    ]);

    const winningLabel = closureReasons.find((term) => term.code === winning.value)!.hi;
    for (const tablet of [tabletA, tabletB]) {
      await openCase(tablet, server.url, caseId);
      const page = tablet.page;
      expect(await page.getByTestId('closure-requested').textContent()).toContain(winningLabel);
      await page.getByTestId('entry-note').filter({ hasText: noteText }).waitFor();
      await page.getByTestId('entry-service').filter({ hasText: police.firNumber }).waitFor();
      expect(await page.getByTestId('timeline').locator('> li').count()).toBe(2);
      expect(await shownPendingChanges(page)).toBe(0);
    }

    // The manager's sync page shows the clash as one card (one write lost: the request's
    // three fields), naming her case, with the reason that lost.
    await openUnlocked(tabletB.page, new URL('/sync', server.url).href);
    const card = tabletB.page.getByTestId('open-conflict');
    await card.waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.getByTestId('conflict-field').count()).toBe(conflicts.length);
    expect(await card.getByTestId('conflict-case').textContent()).toBe(
      `मामला ${caseNumber} · ${survivorName}`,
    );
    const reasonRow = card
      .getByTestId('conflict-field')
      .filter({ hasText: caseFileMessages.hi.closureReason });
    const losingLabel = closureReasons.find((term) => term.code === losing)!.hi;
    expect(await reasonRow.getByTestId('conflict-value').textContent()).toBe(losingLabel);
    expect(await reasonRow.getByTestId('conflict-current').textContent()).toBe(winningLabel);
    // Who wrote the losing reason, by the name headquarters holds for her account.
    const loser = losing === reasonA ? 'lko.caseworker' : 'lko.manager';
    const loserName = DEMO_ACCOUNTS.find((account) => account.username === loser)!.displayName;
    expect(await card.getByTestId('conflict-who').textContent()).toContain(loserName);
  });

  it('keeps the conflict, the case and its entries sealed on the manager’s tablet', async () => {
    const dump = await readRawTabletStore(tabletB.page);
    expect(dump.conflicts?.length ?? 0).toBeGreaterThan(0);
    const secrets = [survivorName, '9876501234', noteText, police.firNumber, police.policeStation];
    expect(findLeaks(dump, secrets)).toEqual([]);
  });

  it('shows none of it to a tablet of another centre', async () => {
    await syncNow(tabletC);
    const page = tabletC.page;
    await openUnlocked(page, server.url);
    for (const query of [survivorName, caseNumber]) {
      await field(page, 'q').fill(query);
      await pollUntil(
        async () =>
          (await page.getByTestId('result-count').textContent({ timeout: 15_000 }))?.trim(),
        (text) => text !== undefined && /^0\b/.test(text),
        `no result for ${query} on tablet C`,
      );
      expect(await page.getByTestId('case-row').count()).toBe(0);
    }
    await openCase(tabletC, server.url, caseId);
    await page.getByTestId('case-missing').waitFor();
    await openUnlocked(page, new URL('/sync', server.url).href);
    await page.getByTestId('no-conflicts').waitFor();
    expect(await page.getByTestId('open-conflict').count()).toBe(0);
  });

  it('had no errors in any page', () => {
    expect(problems).toEqual([]);
  });
});
