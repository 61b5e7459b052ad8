import { describe, expect, it } from 'vitest';
import { z } from './zod.ts';
import {
  idSchema,
  indianMobileInputSchema,
  indianMobileSchema,
  indianPhoneSchema,
  normalizeIndianMobile,
  shortTextSchema,
  textSchema,
  uniqueListOf,
} from './common-fields.ts';

describe('idSchema', () => {
  it('accepts a UUIDv7 as the tablet makes them, and rejects anything else', () => {
    expect(idSchema.safeParse('0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b').success).toBe(true);
    expect(idSchema.safeParse('LKO-2026-K7-0042').success).toBe(false);
    expect(idSchema.safeParse('').success).toBe(false);
  });
});

describe('text', () => {
  it('accepts names in either script', () => {
    expect(shortTextSchema.parse('सुनीता देवी')).toBe('सुनीता देवी');
    expect(shortTextSchema.parse('Sunita Devi')).toBe('Sunita Devi');
  });

  it("rejects an empty or blank answer: that is stored as null, not ''", () => {
    for (const blank of ['', ' ', '\n\t'])
      expect(shortTextSchema.safeParse(blank).success).toBe(false);
  });

  it('keeps text as typed: the server must store exactly what the tablet stamped', () => {
    expect(shortTextSchema.parse(' Sunita ')).toBe(' Sunita ');
  });

  it('rejects text over its length', () => {
    expect(textSchema(5).safeParse('123456').success).toBe(false);
    expect(textSchema(5).safeParse('12345').success).toBe(true);
  });
});

describe('uniqueListOf', () => {
  const listSchema = uniqueListOf(z.string());

  it('accepts an empty list and a list without repeats', () => {
    expect(listSchema.parse([])).toEqual([]);
    expect(listSchema.parse(['b', 'a'])).toEqual(['b', 'a']);
  });

  it('rejects a value given twice', () => {
    expect(listSchema.safeParse(['a', 'b', 'a']).success).toBe(false);
  });
});

describe('indianMobileSchema (the stored form)', () => {
  it('accepts 10 digits starting with 6, 7, 8 or 9', () => {
    for (const mobile of ['6000000000', '7654321098', '8123456789', '9876543210']) {
      expect(indianMobileSchema.safeParse(mobile).success, mobile).toBe(true);
    }
  });

  it('rejects numbers that cannot be an Indian mobile, and any unnormalised form', () => {
    const rejected = [
      '5876543210', // starts with 5: not a mobile series
      '987654321', // 9 digits
      '98765432101', // 11 digits
      '+919876543210',
      '09876543210',
      '98765 43210',
      '98765x4321',
    ];
    for (const phone of rejected)
      expect(indianMobileSchema.safeParse(phone).success, phone).toBe(false);
  });
});

describe('normalizeIndianMobile', () => {
  it.each([
    ['9876543210', '9876543210'],
    ['+91 98765 43210', '9876543210'],
    ['+91-98765-43210', '9876543210'],
    ['919876543210', '9876543210'],
    ['09876543210', '9876543210'],
    ['0091 9876543210', '9876543210'],
    ['(987) 654-3210', '9876543210'],
  ])('turns %s into %s', (typed, stored) => {
    expect(normalizeIndianMobile(typed)).toBe(stored);
  });

  it.each(['', '12345', '5876543210', '+1 9876543210', '+91 5876543210', 'nine eight'])(
    'finds no mobile number in %j',
    (typed) => {
      expect(normalizeIndianMobile(typed)).toBeNull();
    },
  );
});

describe('indianMobileInputSchema', () => {
  it('gives the stored form of what staff typed', () => {
    expect(indianMobileInputSchema.parse('+91 98765 43210')).toBe('9876543210');
  });

  it('rejects what is not a mobile number', () => {
    expect(indianMobileInputSchema.safeParse('0522 2234567').success).toBe(false);
  });
});

describe('indianPhoneSchema', () => {
  it('accepts a mobile number or a landline with its STD code', () => {
    expect(indianPhoneSchema.safeParse('9876543210').success).toBe(true);
    expect(indianPhoneSchema.safeParse('05222234567').success).toBe(true);
  });

  it('rejects a landline without its STD code, and typed forms', () => {
    for (const phone of ['2234567', '0522-2234567', '00222234567']) {
      expect(indianPhoneSchema.safeParse(phone).success, phone).toBe(false);
    }
  });
});
