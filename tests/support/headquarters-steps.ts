// Steps of a state officer on a tablet: her sign-in with the PIN she chooses, her unlock,
// and the wait for the dashboard's code to be stored for offline use.
import type { Page } from 'playwright-core';
import { chooseNewPin, field, submitSignIn } from './case-register-steps.ts';

/** Password sign-in of a headquarters account, her new PIN, and the state dashboard. */
export async function signInToHeadquarters(
  page: Page,
  credentials: { readonly username: string; readonly password: string },
  pin: string,
): Promise<void> {
  await submitSignIn(page, credentials);
  await page.getByTestId('set-pin-page').waitFor();
  await chooseNewPin(page, pin);
  await page.getByTestId('state-reports').waitFor();
}

/** On the lock screen: her name among those with a PIN here, then her PIN. */
export async function unlockAs(page: Page, displayName: string, pin: string): Promise<void> {
  const unlock = page.getByTestId('unlock-page');
  await unlock.waitFor();
  const names = unlock.locator('.staff-choice button');
  if ((await names.count()) > 0) await names.filter({ hasText: displayName }).click();
  await field(unlock, 'pin').fill(pin);
  await page.getByTestId('unlock-submit').click();
}

/**
 * The dashboard's code is one of the screens a first install stores only once the worker
 * is active (vite.config.ts); offline after a reload it must already be in that cache.
 */
export async function waitForStoredDashboard(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const cache = await caches.open('sakhi-later-screens');
      const stored = await cache.keys();
      return stored.some((request) => request.url.includes('/assets/StateReportsScreen-'));
    },
    null,
    { polling: 250, timeout: 60_000 },
  );
}

/** What the kept dashboard copies look like on disk: the JSON a thief would read. */
export function readKeptAnswersOnDisk(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open('sakhi-reports');
        opening.onerror = () => reject(new Error(String(opening.error)));
        opening.onsuccess = () => {
          const request = opening.result
            .transaction('last-answers')
            .objectStore('last-answers')
            .getAll();
          request.onerror = () => reject(new Error(String(request.error)));
          request.onsuccess = () =>
            resolve(
              (request.result as { sealed: Uint8Array }[]).map((kept) =>
                JSON.stringify(kept, (_key, value: unknown) =>
                  value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value,
                ),
              ),
            );
        };
      }),
  );
}

/** The PIN the browser tests' state officers choose; the policy accepts it. */
export const headquartersPin = '480317';
