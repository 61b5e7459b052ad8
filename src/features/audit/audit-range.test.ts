import { describe, expect, it } from 'vitest';
import { indiaDayRange } from './audit-range.ts';

describe('indiaDayRange', () => {
  it('runs from midnight in India on the first day to midnight after the last', () => {
    expect(indiaDayRange('2026-12-01', '2026-12-31')).toEqual({
      from: '2026-11-30T18:30:00.000Z',
      to: '2026-12-31T18:30:00.000Z',
    });
  });
  it('leaves an empty side open, and refuses a range that ends before it starts', () => {
    expect(indiaDayRange('', '')).toEqual({ from: null, to: null });
    expect(indiaDayRange('2026-12-01', '')).toEqual({ from: '2026-11-30T18:30:00.000Z', to: null });
    expect(indiaDayRange('2026-12-02', '2026-12-01')).toBeNull();
    expect(indiaDayRange('2026-12-01', '2026-12-01')).not.toBeNull();
    expect(indiaDayRange('yesterday', '')).toBeNull();
  });
});
