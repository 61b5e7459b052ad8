import { describe, expect, it } from 'vitest';
import { formatDateInWords } from './DateField.tsx';
import {
  formatDate,
  formatDateTime,
  fromLocalDateTimeInput,
  isCalendarDateInput,
} from './datetime.ts';

describe('dates on screen', () => {
  it('writes a calendar date dd/mm/yyyy in both languages, never shifted by a zone', () => {
    expect(formatDate('2026-03-05', 'hi')).toBe('05/03/2026');
    expect(formatDate('2026-03-05', 'en')).toBe('05/03/2026');
    expect(formatDate('2026-12-31', 'en')).toBe('31/12/2026');
  });

  it('writes an instant as its India day: 8 pm UTC is already the next day in India', () => {
    expect(formatDate('2026-03-05T20:00:00.000Z', 'en')).toBe('06/03/2026');
    expect(formatDate('2026-03-05T18:29:00.000Z', 'hi')).toBe('05/03/2026');
  });

  it('gives back what is not a date as it came, rather than "Invalid Date"', () => {
    expect(formatDate('not a date', 'hi')).toBe('not a date');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDateInWords('2026-3-5', 'en')).toBe('2026-3-5');
  });

  it('writes a moment as dd/mm/yyyy with its India time', () => {
    // 15:03 UTC is 8:33 pm in India.
    expect(formatDateTime('2026-03-12T15:03:00.000Z', 'en')).toMatch(/^12\/03\/2026, 8:33\sPM$/i);
    expect(formatDateTime('2026-03-12T15:03:00.000Z', 'hi')).toMatch(/^12\/03\/2026, .*8:33/);
    // 20:00 UTC on the 5th is 1:30 am on the 6th in India: date and time agree.
    expect(formatDateTime('2026-03-05T20:00:00.000Z', 'en')).toMatch(/^06\/03\/2026, 1:30\sAM$/i);
  });

  it('says a date with its month in words, in her language', () => {
    expect(formatDateInWords('2026-03-12', 'hi')).toBe('12 मार्च 2026');
    expect(formatDateInWords('2026-12-03', 'en')).toBe('3 December 2026');
  });

  it('reads date inputs only when whole', () => {
    expect(isCalendarDateInput('2026-02-28')).toBe(true);
    expect(isCalendarDateInput('2026-02-3')).toBe(false);
    expect(fromLocalDateTimeInput('2026-02')).toBeNull();
  });
});
