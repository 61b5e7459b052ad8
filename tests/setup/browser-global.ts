/**
 * Vitest globalSetup of the `browser` project: checks, before any test runs, that the
 * browser and the built app are there. A missing piece is an error with the fix, never a
 * skip: a green run must mean the app was tried in a real browser.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_INSTALL_HINT, chromiumExecutable } from '../support/chromium.ts';
import { DIST_DIR } from '../support/paths.ts';

export default function setup(): void {
  const executable = chromiumExecutable();
  try {
    accessSync(executable, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium was not found at ${executable}. Install it with:  ${CHROMIUM_INSTALL_HINT}\n` +
        'or point SAKHI_CHROMIUM at a Chromium executable.',
    );
  }
  for (const file of ['index.html', 'sw.js']) {
    if (!existsSync(join(DIST_DIR, file))) {
      throw new Error(
        `The built app is missing (${join(DIST_DIR, file)}). Run "npm run build" first ` +
          '(npm test and npm run test:browser build before running the browser tests).',
      );
    }
  }
}
