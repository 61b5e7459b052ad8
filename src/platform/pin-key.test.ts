import { describe, expect, it } from 'vitest';
import { DATA_KEY_BYTES, unwrapWithPin, wrapUnderPin } from './pin-key.ts';

// Few iterations: the tests check the scheme, not its cost.
const iterations = 1_000;
const dataKey = Uint8Array.from({ length: DATA_KEY_BYTES }, (_, i) => i * 7 + 3);
const userId = '01900000-0000-7000-8000-000000000001';

describe('wrapUnderPin / unwrapWithPin', () => {
  it('gives the data key back only with the same PIN and user id', async () => {
    const wrapping = await wrapUnderPin('482915', dataKey, userId, iterations);
    expect(await unwrapWithPin('482915', wrapping, userId)).toEqual(dataKey);
    expect(await unwrapWithPin('482916', wrapping, userId)).toBeNull();
    expect(await unwrapWithPin('482915', wrapping, `${userId}x`)).toBeNull();
  });

  it('keeps its iteration count, a fresh salt and IV, and never the key bare', async () => {
    const first = await wrapUnderPin('482915', dataKey, userId, iterations);
    const second = await wrapUnderPin('482915', dataKey, userId, iterations);
    expect(first.iterations).toBe(iterations);
    expect(first.salt).toHaveLength(16);
    expect(first.wrappedKey).toHaveLength(12 + DATA_KEY_BYTES + 16);
    expect(first.salt).not.toEqual(second.salt);
    expect(first.wrappedKey.subarray(0, 12)).not.toEqual(second.wrappedKey.subarray(0, 12));
    expect(Buffer.from(first.wrappedKey).includes(Buffer.from(dataKey.subarray(0, 8)))).toBe(false);
  });

  it('opens with the iteration count stored, not the current constant', async () => {
    const wrapping = await wrapUnderPin('482915', dataKey, userId, 2_000);
    expect(await unwrapWithPin('482915', { ...wrapping, iterations: 1_000 }, userId)).toBeNull();
    expect(await unwrapWithPin('482915', wrapping, userId)).toEqual(dataKey);
  });

  it('refuses a tampered wrapping', async () => {
    const wrapping = await wrapUnderPin('482915', dataKey, userId, iterations);
    const wrappedKey = Uint8Array.from(wrapping.wrappedKey);
    wrappedKey[20]! ^= 1;
    expect(await unwrapWithPin('482915', { ...wrapping, wrappedKey }, userId)).toBeNull();
  });

  it('wraps only a 32-byte key', async () => {
    await expect(wrapUnderPin('482915', new Uint8Array(16), userId, iterations)).rejects.toThrow(
      '32 bytes',
    );
  });
});
