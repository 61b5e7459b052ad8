import { describe, expect, it } from 'vitest';
import {
  defaultRequestDeadlines,
  msForAnswerBody,
  msUntilAnswer,
  readContentLength,
} from './request-deadline.ts';

describe('request deadlines', () => {
  const deadlines = { firstByteMs: 10_000, slowestBytesPerSecond: 1_000, stallMs: 5_000 };

  it('gives the request body its time on the slowest link before the answer is due', () => {
    expect(msUntilAnswer(deadlines, 0)).toBe(10_000);
    expect(msUntilAnswer(deadlines, 4_500)).toBe(14_500);
  });

  it('bounds a known answer by its length, and leaves an unknown one to the stall bound', () => {
    expect(msForAnswerBody(deadlines, 20_000)).toBe(25_000);
    expect(msForAnswerBody(deadlines, null)).toBeNull();
  });

  it('lets a day of work go up on a 25 kbit/s link, and gives up a silent push within a minute', () => {
    // 4.5 kB at 25 kbit/s takes ~1.5 s: far inside its bound.
    expect(msUntilAnswer(defaultRequestDeadlines, 4_500)).toBeGreaterThan(1_500 + 10_000);
    expect(msUntilAnswer(defaultRequestDeadlines, 4_500)).toBeLessThan(30_000);
    // A 1 MB push at 25 kbit/s takes ~320 s; it must still be allowed to finish.
    expect(msUntilAnswer(defaultRequestDeadlines, 1_000_000)).toBeGreaterThan(320_000);
  });

  it('reads only a plain byte count as a length', () => {
    expect(readContentLength('1234')).toBe(1234);
    expect(readContentLength(' 12 ')).toBe(12);
    expect(readContentLength(null)).toBeNull();
    expect(readContentLength('12, 12')).toBeNull();
    expect(readContentLength('-1')).toBeNull();
  });
});
