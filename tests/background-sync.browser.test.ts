// Sync with the app locked and closed: a case saved offline goes up through Background Sync
// once the network returns, with no page of the app open — only the service worker, which
// holds no data key: it sends the change sealed for headquarters and signed with the
// device key (the locked push). The page registers the
// `sakhi-push` tag after the save; while the context is offline Chromium holds it pending,
// and `setOffline(false)` fires it by itself (no CDP dispatchSyncEvent needed).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { countOutboxRows, pollUntil, registerCase } from './support/case-register-steps.ts';
import { readRawTabletStore } from './support/raw-tablet-store.ts';
import { openAppBeforeAll } from './support/open-app.ts';
import { readStoredFields } from '../server/db/sync-record-fields.ts';

describe('background sync with the app closed', () => {
  const app = openAppBeforeAll({ as: 'lko.caseworker', shouldWaitForWorker: true });
  let page: Page;
  let caseId: string;
  beforeAll(() => {
    page = app.page;
  });

  const serverCase = async (id: string) => {
    const row = await app.server.database.db
      .withTables<SyncTables>()
      .selectFrom('sync_records')
      .select(['record_type', 'fields'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { recordType: row.record_type, fields: readStoredFields(row.fields) } : null;
  };

  it('saves a case offline and leaves the change waiting, with a background push registered', async () => {
    await app.browser.context.setOffline(true);
    caseId = await registerCase(page, { name: 'कमला देवी', phone: '9812345678' });
    expect(await countOutboxRows(page)).toBeGreaterThanOrEqual(1);
    await pollUntil(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          const sync = (registration as unknown as { sync: { getTags(): Promise<string[]> } }).sync;
          return sync.getTags();
        }),
      (tags) => tags.includes('sakhi-push'),
      'the sakhi-push Background Sync tag',
    );
    // A moment after the save, the app seals the change for headquarters: what the worker sends.
    await pollUntil(
      async () => (await readRawTabletStore(page)).outbox ?? [],
      (rows) => rows.length > 0 && rows.every((row) => 'forServer' in (row.value as object)),
      'the change sealed for headquarters',
    );
    expect(await serverCase(caseId)).toBeNull();
  });

  it('pushes it from the service worker after the app is locked and closed and the network returns', async () => {
    await page.getByTestId('switch-user').click();
    await page.getByTestId('unlock-page').waitFor();
    // Every page, including the blank one a persistent context opens with.
    for (const open of app.browser.context.pages()) await open.close();
    expect(app.browser.context.pages()).toHaveLength(0);
    await app.browser.context.setOffline(false);
    const stored = await pollUntil(
      () => serverCase(caseId),
      (row) => row !== null,
      'the case on the server',
      10_000,
    );
    expect(stored?.recordType).toBe('case');
    expect(stored?.fields.survivorName?.value).toBe('कमला देवी');
    // Still no page: only the worker could have sent it.
    expect(app.browser.context.pages()).toHaveLength(0);
  });

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
