import { describe, expect, it } from 'vitest';
import { withRetries } from './service-worker.ts';

describe('registering the worker again after a failure', () => {
  it('tries again after each delay until it succeeds', async () => {
    const waited: number[] = [];
    let calls = 0;
    await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('socket refused');
      },
      [5, 15, 60],
      async (ms) => void waited.push(ms),
    );
    expect(calls).toBe(3);
    expect(waited).toEqual([5, 15]);
  });

  it('gives up with the last failure once the delays run out', async () => {
    const waited: number[] = [];
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      throw new Error(`failure ${calls}`);
    };
    await expect(withRetries(attempt, [5, 15], async (ms) => void waited.push(ms))).rejects.toThrow(
      'failure 3',
    );
    expect(waited).toEqual([5, 15]);
  });
});
