import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseNumberSchema } from './case-number-schema.ts';
import {
  deviceTagForIndex,
  deviceTagPattern,
  formatCaseNumber,
  isCaseNumberOf,
  parseCaseNumber,
  yearInIndia,
} from './case-number.ts';

describe('case numbers', () => {
  it('formats like LKO-2026-K7-0042 and parses back', () => {
    const parts = { districtCode: 'LKO', year: 2026, deviceTag: 'K7', serial: 42 };
    expect(formatCaseNumber(parts)).toBe('LKO-2026-K7-0042');
    expect(parseCaseNumber('LKO-2026-K7-0042')).toEqual(parts);
    expect(caseNumberSchema.safeParse('LKO-2026-K7-0042').success).toBe(true);
    expect(formatCaseNumber({ ...parts, serial: 123456 })).toBe('LKO-2026-K7-123456');
  });

  it('rejects malformed parts and numbers', () => {
    const parts = { districtCode: 'LKO', year: 2026, deviceTag: 'K7', serial: 1 };
    expect(() => formatCaseNumber({ ...parts, districtCode: 'lko' })).toThrow(RangeError);
    expect(() => formatCaseNumber({ ...parts, year: 26 })).toThrow(RangeError);
    expect(() => formatCaseNumber({ ...parts, deviceTag: 'k-7' })).toThrow(RangeError);
    expect(() => formatCaseNumber({ ...parts, serial: 0 })).toThrow(RangeError);
    expect(parseCaseNumber('LKO/2026/K7/42')).toBeNull();
    expect(caseNumberSchema.safeParse('LKO-2026-K7-42').success).toBe(false);
  });

  it('never repeats a number for distinct devices or serials', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 99_999 })),
          {
            selector: ([device, serial]) => `${device}/${serial}`,
            maxLength: 200,
          },
        ),
        (pairs) => {
          const numbers = pairs.map(([device, serial]) =>
            formatCaseNumber({
              districtCode: 'VNS',
              year: 2026,
              deviceTag: deviceTagForIndex(device),
              serial,
            }),
          );
          expect(new Set(numbers).size).toBe(numbers.length);
          for (const [i, number] of numbers.entries()) {
            expect(parseCaseNumber(number)?.serial).toBe(pairs[i]![1]);
          }
        },
      ),
    );
  });

  it('hands out short, unambiguous device tags', () => {
    expect(deviceTagForIndex(0)).toBe('00');
    expect(deviceTagForIndex(1023)).toBe('ZZ');
    expect(deviceTagForIndex(1024)).toBe('000');
    expect(deviceTagForIndex(1024 + 32 ** 3)).toBe('0000');
    const tags = Array.from({ length: 2000 }, (_, i) => deviceTagForIndex(i * 17));
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) {
      expect(tag).toMatch(deviceTagPattern);
      expect(tag).not.toMatch(/[ILOU]/);
    }
    expect(() => deviceTagForIndex(-1)).toThrow(RangeError);
    expect(() => deviceTagForIndex(1024 + 32 ** 3 + 32 ** 4)).toThrow(RangeError);
  });

  it('tells whether a number carries a device’s district and tag', () => {
    const issuer = { districtCode: 'LKO', deviceTag: 'K7' };
    expect(isCaseNumberOf('LKO-2026-K7-0042', issuer)).toBe(true);
    expect(isCaseNumberOf('LKO-2027-K7-12345', issuer)).toBe(true);
    expect(isCaseNumberOf('VNS-2026-K7-0042', issuer)).toBe(false);
    expect(isCaseNumberOf('LKO-2026-K8-0042', issuer)).toBe(false);
    expect(isCaseNumberOf('LKO-2026-K7A-0042', issuer)).toBe(false);
    expect(isCaseNumberOf('LKO-2026-K7-42', issuer)).toBe(false);
    expect(isCaseNumberOf('', issuer)).toBe(false);
  });

  it('takes the year in India time', () => {
    expect(yearInIndia(new Date('2026-12-31T18:29:59Z'))).toBe(2026);
    expect(yearInIndia(new Date('2026-12-31T18:30:00Z'))).toBe(2027);
  });
});
