// The banners above every screen: a run stopped by a full tablet asks her to free space, in
// place of the silence a "server error" would leave; the "storage not persistent" warning
// is put away once read and stays away on this tablet, while the "storage low" warning,
// which she can act on, is never put away.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { appMessages } from '../i18n/messages.ts';
import type { SyncStatus } from '../sync/sync-scheduler.ts';
import { StorageBanner, SyncProblemBanner } from './Banners.tsx';
import type { StorageHealth } from './storage-health.ts';

const stopped = (lastErrorCode: SyncStatus['lastErrorCode']): SyncStatus => ({
  isRunning: false,
  lastSuccessAt: null,
  lastErrorCode,
  needsAttention: false,
  nextRunAt: Date.now() + 5_000,
});

const refused: StorageHealth = { isPersistenceRefused: true, freeBytes: null, isLow: false };

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('SyncProblemBanner', () => {
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

describe('StorageBanner', () => {
  it('puts the persistence warning away when dismissed, and remembers it on this tablet', () => {
    render(<StorageBanner health={refused} />);
    expect(screen.getByTestId('storage-persist-banner')).toBeTruthy();

    fireEvent.click(screen.getByTestId('storage-persist-dismiss'));
    expect(screen.queryByTestId('storage-persist-banner')).toBeNull();

    cleanup();
    render(<StorageBanner health={refused} />);
    expect(screen.queryByTestId('storage-persist-banner')).toBeNull();
  });

  it('keeps warning of low space after the persistence warning was dismissed', () => {
    render(<StorageBanner health={{ ...refused, isLow: true, freeBytes: 50 * 1024 * 1024 }} />);
    fireEvent.click(screen.getByTestId('storage-persist-dismiss'));
    expect(screen.getByTestId('storage-low-banner').textContent).toContain('50 MB');
  });
});
