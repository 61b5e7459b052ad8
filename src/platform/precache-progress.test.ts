import { describe, expect, it } from 'vitest';
import { precacheProgressType, readPrecacheProgress } from './precache-progress.ts';

describe('readPrecacheProgress', () => {
  it('reads a progress report from the worker', () => {
    expect(readPrecacheProgress({ type: precacheProgressType, done: 3, total: 51 })).toEqual({
      type: precacheProgressType,
      done: 3,
      total: 51,
    });
  });

  it.each([
    null,
    'sakhi-precache-progress',
    { type: 'SKIP_WAITING' },
    { type: precacheProgressType, done: 52, total: 51 },
    { type: precacheProgressType, done: -1, total: 51 },
    { type: precacheProgressType, done: 0, total: 0 },
    { type: precacheProgressType, done: 1.5, total: 3 },
  ])('ignores what is not a sound report: %j', (message) => {
    expect(readPrecacheProgress(message)).toBeNull();
  });
});
