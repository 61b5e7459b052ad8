/**
 * For browser tests: collects what went wrong in a page (uncaught errors and console
 * errors) so a test can say "had no errors in the page".
 *
 *   const problems: string[] = [];
 *   watchForPageProblems(page, problems, { allowRefusedSignIn: true });
 *
 * Chromium itself logs every request the network refused while the test has switched the
 * tablet offline ("net::ERR_INTERNET_DISCONNECTED"), even when the app handles it as
 * "offline, try later". A sync run that races the switch does that at random, so it is
 * never a fault of the page and is always ignored here.
 */
import type { Page } from 'playwright-core';

export interface PageProblemOptions {
  /** Prefix for each message, to tell several tablets apart. */
  label?: string;
  /**
   * Chromium logs refused sign-ins itself — a wrong password's 401, another centre's
   * sign-in on this tablet's 409 (`device_other_centre`) — and the screens handle both.
   */
  allowRefusedSignIn?: boolean;
}

export function watchForPageProblems(
  page: Page,
  problems: string[],
  { label = '', allowRefusedSignIn = false }: PageProblemOptions = {},
): void {
  const prefix = label ? `${label} ` : '';
  page.on('pageerror', (error) => problems.push(`${prefix}page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text.includes('net::ERR_INTERNET_DISCONNECTED')) return;
    if (allowRefusedSignIn && /status of (401|409)\b/.test(text)) return;
    problems.push(`${prefix}console: ${text}`);
  });
}
