import { describe, expect, it } from 'vitest';
import {
  holdPageSyncPresence,
  isPageSyncing,
  pageSyncLockName,
  type PresenceLocks,
} from './page-sync-presence.ts';

/** Web Locks as the worker and pages share them: a lock is held until its callback settles. */
function fakeLocks(): PresenceLocks & { readonly modes: string[] } {
  const held: { name: string }[] = [];
  const modes: string[] = [];
  return {
    modes,
    async request(name, options, callback) {
      const lock = { name };
      held.push(lock);
      modes.push(options.mode);
      try {
        await callback();
      } finally {
        held.splice(held.indexOf(lock), 1);
      }
    },
    query: () => Promise.resolve({ held: [...held] }),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a page that syncs by itself', () => {
  it('is seen by the worker from the moment its sync starts until it stops', async () => {
    const locks = fakeLocks();
    expect(await isPageSyncing(locks)).toBe(false);
    const release = holdPageSyncPresence(locks);
    expect(await isPageSyncing(locks)).toBe(true);
    release();
    await settle();
    expect(await isPageSyncing(locks)).toBe(false);
  });

  it('shares the lock, so a second tab never waits for the first', async () => {
    const locks = fakeLocks();
    const releaseFirst = holdPageSyncPresence(locks);
    const releaseSecond = holdPageSyncPresence(locks);
    expect(locks.modes).toEqual(['shared', 'shared']);
    releaseFirst();
    await settle();
    expect(await isPageSyncing(locks)).toBe(true);
    releaseSecond();
    await settle();
    expect(await isPageSyncing(locks)).toBe(false);
  });

  it('is never seen where there are no Web Locks, so the worker pushes as before', async () => {
    expect(await isPageSyncing(null)).toBe(false);
    expect(() => holdPageSyncPresence(null)()).not.toThrow();
  });

  it('takes a name of its own, apart from the device lock every run holds', () => {
    expect(pageSyncLockName).not.toBe('sakhi-sync');
  });
});
