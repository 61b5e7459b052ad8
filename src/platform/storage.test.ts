import { describe, expect, it } from 'vitest';
import { checkStorageHealth, isStorageLow, requestPersistentStorage } from './storage.ts';
import { FakeStorage } from './storage.testing.ts';

const mb = 1024 * 1024;

describe('requestPersistentStorage', () => {
  it('reports persisted when the browser grants it', async () => {
    const storage = new FakeStorage({ willGrant: true });
    expect(await requestPersistentStorage(storage)).toBe('persisted');
    expect(storage.persistCalls).toBe(1);
  });

  it('reports refused when the browser says no', async () => {
    expect(await requestPersistentStorage(new FakeStorage({ willGrant: false }))).toBe('refused');
  });

  it('does not ask again once persisted', async () => {
    const storage = new FakeStorage({ isPersisted: true });
    expect(await requestPersistentStorage(storage)).toBe('persisted');
    expect(storage.persistCalls).toBe(0);
  });

  it('says unsupported where there is no StorageManager', async () => {
    expect(await requestPersistentStorage(null)).toBe('unsupported');
  });
});

describe('checkStorageHealth', () => {
  it('is low under 10% free', async () => {
    const health = await checkStorageHealth(
      new FakeStorage({ isPersisted: true, usage: 9_500 * mb, quota: 10_000 * mb }),
    );
    expect(health).toEqual({
      isPersisted: true,
      isLow: true,
      usage: 9_500 * mb,
      quota: 10_000 * mb,
    });
  });

  it('is low under 50 MB free even when that is more than 10%', () => {
    expect(isStorageLow(60 * mb, 100 * mb)).toBe(true);
  });

  it('is not low with room to spare', async () => {
    const health = await checkStorageHealth(
      new FakeStorage({ usage: 100 * mb, quota: 2_000 * mb }),
    );
    expect(health.isLow).toBe(false);
    expect(health.isPersisted).toBe(false);
  });

  it('does not claim low when the browser gives no estimate', () => {
    expect(isStorageLow(null, null)).toBe(false);
  });
});
