import { describe, expect, it } from 'vitest';
import { z } from './zod.ts';
import { formatUuidv7, timeOfUuidv7 } from './uuidv7.ts';

const ones = new Uint8Array(16).fill(0xff);
const zeros = new Uint8Array(16);

describe('formatUuidv7', () => {
  it('sets version 7 and the RFC variant over any random bytes', () => {
    for (const random of [ones, zeros]) {
      const id = formatUuidv7(1_700_000_000_000, random);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
  });

  it('writes the time into the first 48 bits and keeps the random bytes below it', () => {
    const time = Date.UTC(2026, 0, 1, 0, 30);
    expect(timeOfUuidv7(formatUuidv7(time, ones))).toBe(time);
    expect(formatUuidv7(0, ones)).toBe('00000000-0000-7fff-bfff-ffffffffffff');
    expect(formatUuidv7(0, zeros)).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('leaves the caller’s bytes as they were', () => {
    const random = new Uint8Array(16).fill(0x11);
    formatUuidv7(42, random);
    expect(random).toEqual(new Uint8Array(16).fill(0x11));
  });

  it('refuses the wrong number of random bytes', () => {
    expect(() => formatUuidv7(0, new Uint8Array(10))).toThrow(RangeError);
  });
});
