/**
 * axe-core in a real page: what it finds against WCAG 2.0, 2.1 and 2.2, levels A and AA.
 *
 *   const violations = await findAccessibilityViolations(page);
 *   expect(violations).toEqual([]);
 *
 * The script is evaluated in the page rather than added as a <script> tag, so the app's
 * Content-Security-Policy (no inline or foreign scripts) stays as it is in production.
 * Each violation is reduced to its rule and the elements it names, so a failing test
 * reads as a list of what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

let axeSource: string | null = null;

function readAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AccessibilityViolation {
  readonly rule: string;
  readonly impact: string | null;
  readonly help: string;
  /** A CSS selector and axe's summary of what is wrong, per element. */
  readonly elements: readonly string[];
}

export async function findAccessibilityViolations(
  page: Page,
): Promise<readonly AccessibilityViolation[]> {
  const isLoaded = await page.evaluate(() => 'axe' in window);
  if (!isLoaded) await page.evaluate(readAxeSource());
  // axe judges a target that straddles the sticky header's lower edge as too small. Which
  // targets straddle it depends on the scroll offset the walk happened to leave (a busy
  // machine scrolls at other moments), not on the screen, so the scan runs at the top of the
  // page and the offset is put back. Focus kept clear of the header is the app's own job
  // (scroll padding, src/app/use-header-clearance.ts).
  const results = await page.evaluate(
    async (tags) => {
      const { scrollX, scrollY } = window;
      window.scrollTo(0, 0);
      try {
        return await (
          window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }
        ).axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        });
      } finally {
        window.scrollTo(scrollX, scrollY);
      }
    },
    [...WCAG_AA_TAGS],
  );
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    elements: violation.nodes.map((node) =>
      `${node.target.join(' ')}: ${node.failureSummary ?? ''}`.trim(),
    ),
  }));
}
