// The sync problem banner: a run stopped by a full tablet asks her to free space, in
// place of the silence a "server error" would leave.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { appMessages } from '../i18n/messages.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import { SyncProblemBanner } from './Banners.tsx';

const stopped = (lastErrorCode: SyncStatus['lastErrorCode']): SyncStatus => ({
  isRunning: false,
  lastSuccessAt: null,
  lastErrorCode,
  needsAttention: false,
  nextRunAt: Date.now() + 5_000,
});

describe('SyncProblemBanner', () => {
  afterEach(cleanup);

  it('asks her to free space when a run stopped because the tablet is full', () => {
    render(<SyncProblemBanner status={stopped('storage_full')} />);
    expect(screen.getByTestId('sync-storage-full').textContent).toBe(
      appMessages.hi.syncStorageFull,
    );
  });

  it('says nothing for a failure time will cure by itself', () => {
    render(<SyncProblemBanner status={stopped('server_error')} />);
    expect(screen.queryByTestId('sync-storage-full')).toBeNull();
  });
});
