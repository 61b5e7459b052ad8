import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake } from './case-store.testing.ts';
import { SakhiDatabase } from './database.ts';
import { ensureDeviceKey, readDeviceKey } from './device-key-store.ts';
import { openKeyVault } from './key-vault.ts';
import { rawRows } from './legacy-sealing.ts';
import { openLocalStore, type LocalStore } from './local-store.ts';
import { clearErasedNotice, readErasedNotice, wipeTablet } from './wipe-tablet.ts';

let opened: { close(): void }[] = [];
afterEach(() => {
  for (const handle of opened) handle.close();
  opened = [];
});

let databaseCount = 0;

async function usedTablet(): Promise<LocalStore> {
  const name = `sakhi-wipe-${Date.now()}-${++databaseCount}`;
  const local = await openLocalStore({ databaseName: name });
  opened.push(local);
  await ensureDeviceKey(local.database);
  await openKeyVault(local.database).pinSealingKey('A'.repeat(43));
  const store = await openTestStore({ name, device: local.device });
  const registered = await store.cases.registerCase(sampleIntake({ survivorName: 'ज़ेबुन्निसा' }));
  await store.cases.addEntry(registered.id, 'note', { text: 'पति ने धमकी दी' });
  await store.drafts.saveDraft({ id: 'draft-1', form: 'intake', values: { name: 'ज़ेबुन्निसा' } });
  store.db.close();
  return local;
}

describe('wipeTablet', () => {
  it('erases every row, key and identity, and leaves only the notice', async () => {
    const local = await usedTablet();
    const notice = await wipeTablet(local.database, () => new Date('2026-03-11T00:00:00Z'));
    expect(notice).toEqual({ at: '2026-03-11T00:00:00.000Z', reason: 'device_revoked', unsent: 2 });

    const raw = new SakhiDatabase(local.database.name, { rows: rawRows });
    opened.push(raw);
    for (const table of raw.tables.filter((t) => t.name !== 'meta')) {
      expect(await table.count(), table.name).toBe(0);
    }
    expect(await raw.table('meta').toArray()).toEqual([{ key: 'erased', value: notice }]);
    expect(await readErasedNotice(local.database)).toEqual(notice);
    expect(await readDeviceKey(local.database)).toBeNull();
    expect(await openKeyVault(local.database).sealingKey()).toBeNull();
  });

  it('makes the next start a new device', async () => {
    const local = await usedTablet();
    await wipeTablet(local.database);
    local.close();
    const reopened = await openLocalStore({ databaseName: local.database.name });
    opened.push(reopened);
    expect(reopened.device.id).not.toBe(local.device.id);
    expect(reopened.clock.deviceId).toBe(reopened.device.id);
    await clearErasedNotice(reopened.database);
    expect(await readErasedNotice(reopened.database)).toBeNull();
  });
});
