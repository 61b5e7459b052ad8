import { describe, expect, it } from 'vitest';
import './zod-config.ts';
import { z } from '../domain/zod.ts';

describe('zod configuration without importing zod', () => {
  it('leaves zod parsing without eval, through the config zod shares on globalThis', () => {
    expect(z.config().jitless).toBe(true);
    expect(z.object({ name: z.string() }).parse({ name: 'सखी' })).toEqual({ name: 'सखी' });
  });
});
