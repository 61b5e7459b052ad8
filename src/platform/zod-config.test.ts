import { describe, expect, it } from 'vitest';
import './zod-config.ts';
import { config, z } from 'zod';

describe('zod configuration without importing zod', () => {
  it('leaves zod parsing without eval, through the config zod shares on globalThis', () => {
    expect(config().jitless).toBe(true);
    expect(z.object({ name: z.string() }).parse({ name: 'सखी' })).toEqual({ name: 'सखी' });
  });
});
