import { describe, expect, it } from 'vitest';
import { z } from '../domain/zod.ts';
import { timeOfUuidv7 } from '../domain/uuidv7.ts';
import { uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('sets version 7 and the RFC variant, and passes the schema records use', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
  });

  it('writes the given time into the first 48 bits', () => {
    const time = Date.UTC(2026, 0, 1, 0, 30);
    expect(timeOfUuidv7(uuidv7(time))).toBe(time);
  });

  it('orders ids made at later times after earlier ones', () => {
    const ids = [0, 1, 1_000, 1_700_000_000_000, 1_800_000_000_123].map((time) => uuidv7(time));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats within one millisecond', () => {
    const ids = new Set(Array.from({ length: 5_000 }, () => uuidv7(42)));
    expect(ids.size).toBe(5_000);
  });
});
