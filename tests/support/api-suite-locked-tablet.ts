// First: the tablet's store needs IndexedDB before Dexie loads (the pg project has no setup).
import 'fake-indexeddb/auto';
/**
 * A locked tablet's push end to end: cases saved in the tablet's real store, boxes made
 * by the sealing pass, sent by the worker's locked push (no data key, no session) to the
 * server built as in production. Written once, run on SQLite (server/sync-api.test.ts)
 * and PostgreSQL (…pg.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictCode } from '../../src/domain/districts.ts';
import { openTestStore, sampleIntake } from '../../src/data/case-store.testing.ts';
import { ensureDeviceKey } from '../../src/data/device-key-store.ts';
import { openKeyVault } from '../../src/data/key-vault.ts';
import { openLocalStore } from '../../src/data/local-store.ts';
import { inProcessDeviceLock } from '../../src/platform/device-lock.ts';
import { pushLockedOutbox } from '../../src/sync/locked-push.ts';
import { sealOutboxForServer } from '../../src/sync/outbox-sealing.ts';
import {
  fetchFromHarness,
  seedFixture,
  signInAs,
  survivorNamesSeenBy,
  type ApiHarness,
  type Fixture,
  type HarnessFactory,
} from './api-harness.ts';
import { tabletKeyPairFor } from './device-keys.ts';

export function describeLockedTabletApi(openHarness: HarnessFactory): void {
  describe('a locked tablet’s push, from its store to the server', () => {
    let harness: ApiHarness;
    let fixture: Fixture;

    beforeAll(async () => {
      harness = await openHarness();
      fixture = await seedFixture(harness, 'locked');
    });
    afterAll(async () => harness?.close());

    it('reaches the server as her own push, and reads nothing back', async () => {
      const { caseworker, counsellor } = fixture.users;
      const name = `sakhi-locked-api-${Date.now()}`;
      const local = await openLocalStore({ databaseName: name });
      // The tablet signs in once: the server registers its device key and gives its tag.
      const signedIn = await signInAs(harness, caseworker.username, { deviceId: local.device.id });
      await ensureDeviceKey(local.database, () => tabletKeyPairFor(local.device.id));
      await openKeyVault(local.database).pinSealingKey(harness.ctx.secrets.sealingPublicKey);
      const { device } = signedIn.body as { device: { tag: string } };
      const store = await openTestStore({
        name,
        time: harness.clock.now().getTime(),
        device: { ...local.device, tag: device.tag },
        staff: {
          userId: caseworker.id,
          centreId: caseworker.centre_id!,
          districtCode: fixture.own.district_code as DistrictCode,
          role: 'caseworker',
          displayName: caseworker.display_name,
        },
      });
      await store.cases.registerCase(sampleIntake({ survivorName: 'ज़ेबुन्निसा तालाबंद' }));
      await sealOutboxForServer({ db: store.db, deviceId: local.device.id });
      store.db.close();

      const totals = await pushLockedOutbox({
        db: local.database,
        clock: local.clock,
        deviceId: local.device.id,
        baseUrl: '',
        fetch: fetchFromHarness(harness),
        withDeviceLock: inProcessDeviceLock(),
      });
      expect(totals).toEqual({ pushed: 1, duplicates: 0, rejected: 0 });
      expect(await local.database.outbox.count()).toBe(0);
      expect(await survivorNamesSeenBy(harness, counsellor)).toContain('ज़ेबुन्निसा तालाबंद');
      local.close();
    });
  });
}
