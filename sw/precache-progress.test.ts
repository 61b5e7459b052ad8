import { describe, expect, it } from 'vitest';
import { precacheProgressType } from '../src/platform/precache-progress.ts';
import { createProgressPlugin } from './precache-progress.ts';

describe('the install on a slow link', () => {
  it('counts each stored file toward the total, never past it', async () => {
    const reports: number[] = [];
    const plugin = createProgressPlugin(2, (progress) => {
      expect(progress).toMatchObject({ type: precacheProgressType, total: 2 });
      reports.push(progress.done);
    });
    const update = plugin.cacheDidUpdate as unknown as () => Promise<void>;
    for (let i = 0; i < 3; i++) await update();
    expect(reports).toEqual([1, 2, 2]);
  });
});
