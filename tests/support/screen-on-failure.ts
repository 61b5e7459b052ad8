/**
 * For browser tests: when a test fails, prints the page's address and visible text, so the
 * report says what the screen showed, not only which element was not found.
 *
 *   showScreenOnFailure(() => page);
 */
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';

export function showScreenOnFailure(readPage: () => Page | undefined): void {
  afterEach(async (context) => {
    const page = readPage();
    if (context.task.result?.state !== 'fail' || !page || page.isClosed()) return;
    const text = await page
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch((error: unknown) => `(could not read the page: ${String(error)})`);
    console.log(`Screen when "${context.task.name}" failed, at ${page.url()}:\n${text}`);
  });
}
