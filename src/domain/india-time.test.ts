import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDateSchema,
  daysBetween,
  indiaDateOf,
  instantSchema,
  wholeYearsBetween,
} from './india-time.ts';

describe('calendarDateSchema', () => {
  it('accepts a real day as YYYY-MM-DD', () => {
    expect(calendarDateSchema.safeParse('2026-03-15').success).toBe(true);
    expect(calendarDateSchema.safeParse('2024-02-29').success).toBe(true);
  });

  it('rejects days that do not exist and other spellings', () => {
    for (const value of [
      '2025-02-29',
      '2026-13-01',
      '15-03-2026',
      '2026-3-5',
      '2026-03-15T00:00:00Z',
    ]) {
      expect(calendarDateSchema.safeParse(value).success, value).toBe(false);
    }
  });
});

describe('instantSchema', () => {
  it('accepts UTC instants with or without fractions of a second', () => {
    expect(instantSchema.safeParse('2026-03-15T10:00:00Z').success).toBe(true);
    expect(instantSchema.safeParse('2026-03-15T10:00:00.123Z').success).toBe(true);
  });

  it('rejects local times and offsets: every stored instant is UTC', () => {
    expect(instantSchema.safeParse('2026-03-15T15:30:00+05:30').success).toBe(false);
    expect(instantSchema.safeParse('2026-03-15T10:00:00').success).toBe(false);
    expect(instantSchema.safeParse('2026-03-15').success).toBe(false);
  });
});

describe('indiaDateOf', () => {
  it('turns to the next day at midnight in India, 18:30 UTC', () => {
    expect(indiaDateOf('2026-03-15T18:29:59Z')).toBe('2026-03-15');
    expect(indiaDateOf('2026-03-15T18:30:00Z')).toBe('2026-03-16');
  });

  it('gives the new year in India while it is still 31 December in UTC', () => {
    expect(indiaDateOf(new Date('2025-12-31T19:00:00Z'))).toBe('2026-01-01');
  });

  it('refuses what is not an instant', () => {
    expect(() => indiaDateOf('yesterday')).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it('cross month, year and leap day', () => {
    expect(addDays('2026-01-30', 5)).toBe('2026-02-04');
    expect(addDays('2024-02-27', 2)).toBe('2024-02-29');
    expect(addDays('2025-12-29', 5)).toBe('2026-01-03');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('count days between two dates, negative backwards', () => {
    expect(daysBetween('2026-02-25', '2026-03-02')).toBe(5);
    expect(daysBetween('2026-03-02', '2026-02-25')).toBe(-5);
  });
});

describe('wholeYearsBetween', () => {
  it('counts a year only once the birthday has come', () => {
    expect(wholeYearsBetween('2008-06-10', '2026-06-09')).toBe(17);
    expect(wholeYearsBetween('2008-06-10', '2026-06-10')).toBe(18);
  });

  it('turns someone born on 29 February a year older on 1 March in common years', () => {
    expect(wholeYearsBetween('2008-02-29', '2026-02-28')).toBe(17);
    expect(wholeYearsBetween('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('is negative when the second date is earlier', () => {
    expect(wholeYearsBetween('2026-06-10', '2024-06-11')).toBe(-1);
  });
});
