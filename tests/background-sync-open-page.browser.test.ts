// Background Sync with the app open and unlocked: when the network returns, the page's own
// run pushes (session, gzip) and pulls, and the service worker's push stands aside instead
// of queuing for the device lock (src/sync/page-sync-presence.ts). Before, both were woken
// together and whichever took the lock first made the other wait: when the worker won, a
// day's work crossed a 2G link as sealed boxes (which do not compress) before the page
// could push and pull, ~11 s instead of ~4.
//
// What is deterministic here: the test itself holds the device lock when the network
// returns, so nothing can push yet, and watches who queues for it. The worker's sync event
// must end without queuing (its tag leaves the list while the lock is still held), only
// the page's run waits, and once the lock is let go the change goes up once, through the
// session push.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { countOutboxRows, pollUntil, registerCase } from './support/case-register-steps.ts';
import { openAppBeforeAll } from './support/open-app.ts';
import { readRawTabletStore } from './support/raw-tablet-store.ts';

const deviceLockName = 'sakhi-sync';

describe('background sync beside an open, unlocked app', () => {
  const app = openAppBeforeAll({ as: 'lko.caseworker', shouldWaitForWorker: true });
  let page: Page;
  beforeAll(() => {
    page = app.page;
  });

  const readPushTags = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const sync = (registration as unknown as { sync: { getTags(): Promise<string[]> } }).sync;
      return sync.getTags();
    });

  /** Who waits for the device lock: the page's own requests have the page's client id. */
  const readLockQueue = (name: string) =>
    page.evaluate(async (lockName) => {
      const { pending = [] } = await navigator.locks.query();
      return pending.filter((lock) => lock.name === lockName).map((lock) => lock.clientId ?? '');
    }, name);

  const sealedPushesAudited = async () => {
    const rows = await app.server.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.write')
      .execute();
    return rows.filter((row) => (JSON.parse(row.details) as { sealed?: boolean }).sealed).length;
  };

  it('leaves the push to the page: the worker never queues for the lock, nor sends a sealed box', async () => {
    await app.browser.context.setOffline(true);
    const caseId = await registerCase(page, { name: 'शांति देवी' });
    // Registered after the save, and sealed by the run that found the tablet offline: all
    // the worker would need to send it.
    await pollUntil(readPushTags, (tags) => tags.includes('sakhi-push'), 'the sakhi-push tag');
    await pollUntil(
      async () => (await readRawTabletStore(page)).outbox ?? [],
      (rows) => rows.length > 0 && rows.every((row) => 'forServer' in (row.value as object)),
      'the change sealed for headquarters',
    );
    const auditedBefore = await sealedPushesAudited();

    // The test holds the device lock, as a long run would.
    await page.evaluate((lockName) => {
      void navigator.locks.request(
        lockName,
        () =>
          new Promise<void>((resolve) => {
            (globalThis as { releaseTestLock?: () => void }).releaseTestLock = resolve;
          }),
      );
    }, deviceLockName);
    await pollUntil(
      () => page.evaluate(() => 'releaseTestLock' in globalThis),
      (isHeld) => isHeld,
      'the test to hold the device lock',
    );

    await app.browser.context.setOffline(false);
    // The worker's event ran and ended while the lock was held: it did not wait for it.
    await pollUntil(readPushTags, (tags) => !tags.includes('sakhi-push'), 'the sync event to end');
    const pageClientId = await page.evaluate(async () => {
      const { held = [] } = await navigator.locks.query();
      return held[0]?.clientId ?? '';
    });
    const queue = await pollUntil(
      () => readLockQueue(deviceLockName),
      (waiting) => waiting.length > 0,
      "the page's run to queue for the lock",
    );
    expect(queue.every((clientId) => clientId === pageClientId)).toBe(true);

    await page.evaluate(() => (globalThis as { releaseTestLock?: () => void }).releaseTestLock?.());
    await pollUntil(
      () => countOutboxRows(page),
      (rows) => rows === 0,
      'the outbox to empty',
    );
    const stored = await app.server.database.db
      .withTables<SyncTables>()
      .selectFrom('sync_records')
      .select('id')
      .where('id', '=', caseId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(await sealedPushesAudited()).toBe(auditedBefore);
  });

  it('had no errors in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
