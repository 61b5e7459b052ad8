/**
 * The opening browser tests share: a tablet (real Chromium on a fresh profile, one page at
 * a window size) opens the app from the real demo server, and the person the test names
 * signs in with her password, chooses her PIN and sees the case list.
 *
 *   describe('closing a case', () => {
 *     const app = openAppBeforeAll({ as: 'lko.manager', size: tabletUpright });
 *     it('…', async () => { await registerCase(app.page, { name: 'सुनीता देवी' }); });
 *     it('had no errors in the page', () => expect(app.problems).toEqual([]));
 *   });
 *
 * `openAppBeforeAll` starts the server for the file and closes everything after it; a test
 * with several tablets on one server calls `openApp` (or `launchTablet`, for a tablet that
 * opens the app later, inside a test) for each.
 */
import type { Page, ViewportSize } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { signIn, waitForControllingWorker } from './case-register-steps.ts';
import { launchChromium, type LaunchedChromium } from './chromium.ts';
import { watchForPageProblems, type PageProblemOptions } from './page-problems.ts';
import { showScreenOnFailure } from './screen-on-failure.ts';
import { startTestServer, type TestServer } from './server.ts';

/** A cheap Android tablet held upright. */
export const tabletUpright: ViewportSize = { width: 800, height: 1280 };
/** The smallest phone the layout is held to. */
export const phone: ViewportSize = { width: 360, height: 740 };

export interface TabletOptions extends PageProblemOptions {
  /** The window; Chromium's own default without it. */
  readonly size?: ViewportSize;
  /**
   * As on a tablet where Sakhi is installed: Chromium keeps the app's storage for good, so
   * the "storage may be cleared" warning (its own component test covers it) does not show.
   */
  readonly isInstalled?: boolean;
  /** Where the page's errors are collected (`watchForPageProblems`); a new list without it. */
  readonly problems?: string[];
  /** Runs on the new page before it opens anything: listeners that must see the first request. */
  readonly beforeOpening?: (page: Page, browser: LaunchedChromium) => void | Promise<unknown>;
}

export interface OpenAppOptions extends TabletOptions {
  /** The demo account that signs in (every demo account has the demo password); none: the app stays on its first screen. */
  readonly as?: string;
  /** Waits, after the sign-in, until the service worker controls the page. */
  readonly shouldWaitForWorker?: boolean;
}

export interface Tablet {
  readonly browser: LaunchedChromium;
  readonly page: Page;
  /** What went wrong in the page so far; a test asserts it is empty. */
  readonly problems: string[];
}

/** A tablet with one page, watched for errors, that has not opened the app yet. */
export async function launchTablet(options: TabletOptions = {}): Promise<Tablet> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const problems = options.problems ?? [];
    watchForPageProblems(page, problems, options);
    if (options.size) await page.setViewportSize(options.size);
    await options.beforeOpening?.(page, browser);
    return { browser, page, problems };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** A tablet that has opened the app from `server`, signed in as `options.as` when given. */
export async function openApp(server: TestServer, options: OpenAppOptions = {}): Promise<Tablet> {
  const tablet = await launchTablet(options);
  try {
    if (options.isInstalled) await grantDurableStorage(tablet, server);
    await tablet.page.goto(server.url);
    if (options.as) await signIn(tablet.page, { username: options.as, password: DEMO_PASSWORD });
    if (options.shouldWaitForWorker) await waitForControllingWorker(tablet.page);
    return tablet;
  } catch (error) {
    await tablet.browser.close();
    throw error;
  }
}

export interface OpenApp extends Tablet {
  readonly server: TestServer;
}

/**
 * In the `describe` it is called in: before its tests, the demo server and a tablet with
 * the app open (`openApp`); after them, both closed; when a test fails, the screen printed.
 * The fields can be read once the hook has run: in a test or a later `beforeAll`.
 */
export function openAppBeforeAll(options: OpenAppOptions = {}): OpenApp {
  let server: TestServer | undefined;
  let tablet: Tablet | undefined;
  const problems = options.problems ?? [];
  showScreenOnFailure(() => tablet?.page);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    tablet = await openApp(server, { ...options, problems });
  });

  afterAll(async () => {
    await tablet?.browser.close();
    await server?.close();
  });

  return {
    get server() {
      return whenOpen(server);
    },
    get browser() {
      return whenOpen(tablet).browser;
    },
    get page() {
      return whenOpen(tablet).page;
    },
    problems,
  };
}

function whenOpen<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new Error('The app is not open yet: read it in a test or in a later beforeAll');
  }
  return value;
}

async function grantDurableStorage(tablet: Tablet, server: TestServer): Promise<void> {
  const cdp = await tablet.browser.context.newCDPSession(tablet.page);
  await cdp.send('Browser.grantPermissions', {
    origin: new URL(server.url).origin,
    permissions: ['durableStorage'],
  });
}
