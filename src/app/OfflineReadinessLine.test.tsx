import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineMessages } from '../i18n/messages-offline.ts';
import { precacheProgressType } from '../platform/precache-progress.ts';
import { createOfflineReadinessTracker } from '../shell/offline-readiness.ts';
import { OfflineReadinessLine } from './OfflineReadinessLine.tsx';

describe('OfflineReadinessLine', () => {
  afterEach(cleanup);

  it('follows a first install to ready, in Hindi first', async () => {
    const tracker = createOfflineReadinessTracker();
    render(<OfflineReadinessLine tracker={tracker} />);
    await act(() => {
      tracker.preparing();
      tracker.progressed({ type: precacheProgressType, done: 4, total: 51 });
    });
    expect(screen.getByTestId('offline-preparing').textContent).toBe(
      'ऑफ़लाइन इस्तेमाल की तैयारी — 51 में से 4',
    );
    await act(() => tracker.ready());
    expect(screen.getByTestId('offline-ready').textContent).toBe(offlineMessages.hi.ready);
  });

  it('says nothing on a tablet that opened ready', () => {
    const tracker = createOfflineReadinessTracker();
    tracker.ready();
    render(<OfflineReadinessLine tracker={tracker} />);
    expect(screen.queryByTestId('offline-ready')).toBeNull();
  });
});
