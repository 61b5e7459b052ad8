/**
 * For screen tests that read the date (follow-ups due, days of a stay, "today"): every
 * test in the file runs on one morning, the test store's (src/data/case-store.testing.ts),
 * and its screen is unmounted after it.
 *
 *   runScreenTestsOn();              // 10 March 2026, 10:30 in India
 *   runScreenTestsOn(now);
 *
 * Only Date is fake: timers stay real, so Dexie and a draft's save delay still run.
 */
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';

export const TEST_MORNING = '2026-03-10T05:00:00.000Z';

export function runScreenTestsOn(morning: string = TEST_MORNING): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(morning));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
