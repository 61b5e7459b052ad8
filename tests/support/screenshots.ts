/**
 * Pictures of screens for the README and docs (docs/screenshots/). Every run waits for the
 * page's fonts, so a screen is checked as drawn; only with SAKHI_SCREENSHOTS=1 is a picture
 * written, so CI never rewrites the committed ones:
 *
 *   npx vite build && SAKHI_SCREENSHOTS=1 npx vitest run --project browser tests/screenshots.browser.test.ts
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, PageScreenshotOptions } from 'playwright-core';

const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const isWritingScreenshots = process.env.SAKHI_SCREENSHOTS === '1';

/** The screen as it stands, as docs/screenshots/<name>.png; still, with no caret, by default. */
export async function captureScreen(
  page: Page,
  name: string,
  options: Omit<PageScreenshotOptions, 'path'> = { animations: 'disabled', caret: 'hide' },
): Promise<void> {
  // Fonts first: Devanagari must be drawn, not boxes.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (!isWritingScreenshots) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ ...options, path: `${SCREENSHOT_DIR}${name}.png` });
}
