/**
 * Real Chromium (Debian's, never a downloaded one) driven by playwright-core.
 *
 *   const browser = await launchChromium();
 *   const page = await browser.context.newPage();
 *   ...
 *   await browser.close();
 *
 * A persistent context, because service workers, IndexedDB and Background Sync behave as
 * on a tablet only with a real profile directory; each launch gets a fresh one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

/** SAKHI_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumExecutable(): string {
  return process.env.SAKHI_CHROMIUM?.trim() || '/usr/bin/chromium';
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** Closes the browser and deletes its profile (unless it was launched on a kept one). */
  close(): Promise<void>;
}

/**
 * `keptProfileDir`: launch on that profile and leave it in place on close, so a test can
 * start the same tablet again (its IndexedDB, service worker and PIN as they were left).
 */
export async function launchChromium(
  options: {
    readonly keptProfileDir?: string;
    /** Trusts this certificate key: tests/support/h2-terminator.ts's self-signed one. */
    readonly trustedSpkiHash?: string;
  } = {},
): Promise<LaunchedChromium> {
  const isKept = options.keptProfileDir !== undefined;
  const profileDir = options.keptProfileDir ?? mkdtempSync(join(tmpdir(), 'sakhi-chromium-'));
  const removeProfile = () => {
    if (!isKept) rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumExecutable(),
      headless: true,
      args: [
        // Root in CI and containers has no user namespaces for the sandbox.
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        // Tests talk to 127.0.0.1 only: no update checks, component downloads or sync.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(options.trustedSpkiHash
          ? [`--ignore-certificate-errors-spki-list=${options.trustedSpkiHash}`]
          : []),
      ],
    });
    return {
      context,
      close: async () => {
        try {
          await context.close();
        } finally {
          removeProfile();
        }
      },
    };
  } catch (error) {
    removeProfile();
    throw error;
  }
}
