import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../data/case-store.testing.ts';
import { createLocalSyncPorts } from './local-sync.ts';
import type { SyncTransport } from './sync-ports.ts';

let store: TestStore;
afterEach(() => store?.db.close());

const unusedTransport: SyncTransport = {
  push: () => Promise.reject(new Error('not in this test')),
  pull: () => Promise.reject(new Error('not in this test')),
};

describe('createLocalSyncPorts', () => {
  it('refuses a clock that stamps for another device than the one that pushes', async () => {
    store = await openTestStore();
    // The server would take every own write for another tablet's, and keep it as a conflict.
    expect(() =>
      createLocalSyncPorts({
        db: store.db,
        clock: store.clock,
        deviceId: 'another-tablet',
        transport: unusedTransport,
      }),
    ).toThrow(/another-tablet/);
    expect(
      createLocalSyncPorts({
        db: store.db,
        clock: store.clock,
        deviceId: store.device.id,
        transport: unusedTransport,
      }).deviceId,
    ).toBe(store.device.id);
  });
});
