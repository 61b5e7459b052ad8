// The "storage not persistent" warning is put away once read and stays away on this
// tablet; the "storage low" warning, which she can act on, is never put away.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageBanner } from './Banners.tsx';
import type { StorageHealth } from './storage-health.ts';

const refused: StorageHealth = { isPersistenceRefused: true, freeBytes: null, isLow: false };

afterEach(() => {
  cleanup();
  localStorage.clear();
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
