// Remote wipe, against the real demo server in real Chromium: a Lucknow tablet saves a case
// offline; headquarters revokes the tablet meanwhile. Back online, the tablet first sends
// what its outbox holds (the case reaches the server), then erases every case and says so.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { readStoredFields } from '../server/db/sync-record-fields.ts';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { countOutboxRows, pollUntil, registerCase } from './support/case-register-steps.ts';
import { signedDeviceFields } from './support/device-keys.ts';
import { findLeaks, readRawTabletStore } from './support/raw-tablet-store.ts';
import { openAppBeforeAll } from './support/open-app.ts';

const survivorName = 'रेवती वाइपवाली';
const survivorPhone = '9834567012';

describe('a revoked tablet sends what waits, then wipes itself', () => {
  let page: Page;
  let deviceId: string;
  let caseId: string;
  const app = openAppBeforeAll({
    as: 'lko.caseworker',
    shouldWaitForWorker: true,
    beforeOpening: (opened) => {
      opened.on('request', (request) => {
        if (request.url().endsWith('/api/auth/sign-in')) {
          deviceId = (request.postDataJSON() as { deviceId: string }).deviceId;
        }
      });
    },
  });
  beforeAll(() => {
    page = app.page;
  });

  const serverCase = async (id: string) => {
    const row = await app.server.database.db
      .withTables<SyncTables>()
      .selectFrom('sync_records')
      .select(['fields'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? readStoredFields(row.fields) : null;
  };

  it('saves a case offline while headquarters revokes the tablet', async () => {
    await app.browser.context.setOffline(true);
    caseId = await registerCase(page, { name: survivorName, phone: survivorPhone });
    expect(await countOutboxRows(page)).toBeGreaterThanOrEqual(1);

    const signInResponse = await fetch(new URL('/api/auth/sign-in', app.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'state.admin',
        password: DEMO_PASSWORD,
        ...signedDeviceFields('state.admin'),
      }),
    });
    expect(signInResponse.status).toBe(200);
    const { token } = (await signInResponse.json()) as { token: string };
    const revoked = await fetch(new URL(`/api/devices/${deviceId}/revoke`, app.server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(revoked.status).toBe(200);
    expect(await serverCase(caseId)).toBeNull();
  });

  it('back online, sends the case, then erases every case and says so', async () => {
    await app.browser.context.setOffline(false);
    await pollUntil(
      () => serverCase(caseId),
      (fields) => fields !== null,
      'the case on the server',
      20_000,
    );
    expect((await serverCase(caseId))?.survivorName?.value).toBe(survivorName);
    await page.getByTestId('tablet-erased-page').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('tablet-erased-unsent').count()).toBe(0);

    const dump = await readRawTabletStore(page);
    for (const store of ['cases', 'entries', 'outbox', 'drafts', 'conflicts']) {
      expect(dump[store] ?? [], store).toEqual([]);
    }
    expect(findLeaks(dump, [survivorName, survivorPhone])).toEqual([]);
  });
});
