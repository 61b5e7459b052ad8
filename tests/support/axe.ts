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
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
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
