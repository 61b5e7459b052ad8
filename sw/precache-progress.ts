/**
 * The install's progress: every file the precache stores is counted and the count posted
 * to open pages (src/platform/precache-progress.ts), so a first visit shows how far offline
 * use is. (How the install fetches its files in parallel: install-prefetch.ts.)
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { precacheProgressType, type PrecacheProgress } from '../src/platform/precache-progress.ts';

export function createProgressPlugin(
  total: number,
  report: (progress: PrecacheProgress) => void,
): WorkboxPlugin {
  let done = 0;
  return {
    cacheDidUpdate: () => {
      done = Math.min(total, done + 1);
      report({ type: precacheProgressType, done, total });
      return Promise.resolve();
    },
  };
}
