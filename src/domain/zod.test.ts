import { describe, expect, it } from 'vitest';
import { z } from './zod.ts';

describe('the zod the schemas are written with', () => {
  // Without a locale zod/mini says "Invalid input" for everything; the server's
  // invalid_request answers and the store's error details name the problem in English.
  it('says in English what is wrong with a value', () => {
    const name = z.object({ name: z.string().check(z.maxLength(3)) });
    expect(name.safeParse({ name: 7 }).error?.issues[0]?.message).toBe(
      'Invalid input: expected string, received number',
    );
    expect(name.safeParse({ name: 'सखी जी' }).error?.issues[0]?.message).toBe(
      'Too big: expected string to have <=3 characters',
    );
  });

  it('keeps a message a schema gives its own check', () => {
    const stamp = z.string().check(z.regex(/^\d+$/, 'not a valid stamp'));
    expect(stamp.safeParse('x').error?.issues[0]?.message).toBe('not a valid stamp');
  });
});
