/**
 * How many tablets never seen before may register in a day: each takes a device tag
 * for life (case numbers rest on it) and a data key, so a leaked password must not be
 * able to mint them without end.
 *
 * What must hold:
 * - Only a new device id is counted. A sign-in on a tablet already registered (a shared
 *   tablet, a new session, a move between centres) is never refused here.
 * - The count is taken inside the sign-in's transaction, by one atomic upsert per bound
 *   (the account's, then the centre's, always in that order so concurrent sign-ins on
 *   PostgreSQL cannot deadlock). A refused sign-in rolls its own counting back, so a
 *   tablet retrying while over the bound does not push the day's end further away.
 * - Counts live in sign_in_throttles beside the password counts, shared by every server
 *   process; a window is a fixed day from the first registration it counts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HEADQUARTERS_TAG_SCOPE, type DeviceOwner } from './devices.ts';
import { ServiceError } from './service-error.ts';
import { bumpWindowCount, type WindowCount } from './sign-in-throttle.ts';

/** New devices allowed per account and per centre (headquarters counts as one) a day. */
export interface NewDeviceLimits {
  perAccount: number;
  perCentre: number;
}

/** Why these numbers: docs/api.md, "Rate limits". */
export const DEFAULT_NEW_DEVICE_LIMITS: Readonly<NewDeviceLimits> = Object.freeze({
  perAccount: 5,
  perCentre: 20,
});

export const NEW_DEVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Counts one new device against its owner's account and centre; throws
 * too_many_new_devices (naming the wait) when either is over its bound.
 */
export async function countNewDevice(
  db: Kysely<Database>,
  owner: Pick<DeviceOwner, 'userId' | 'centreId'>,
  limits: Readonly<NewDeviceLimits>,
  now: Date,
): Promise<void> {
  const account = await bumpWindowCount(
    db,
    `new-device-account:${owner.userId}`,
    now,
    NEW_DEVICE_WINDOW_MS,
  );
  const centre = await bumpWindowCount(
    db,
    `new-device-centre:${owner.centreId ?? HEADQUARTERS_TAG_SCOPE}`,
    now,
    NEW_DEVICE_WINDOW_MS,
  );
  const waits: number[] = [];
  if (account.failures > limits.perAccount) waits.push(secondsLeft(account, now));
  if (centre.failures > limits.perCentre) waits.push(secondsLeft(centre, now));
  if (waits.length > 0) {
    throw refuseTooManyNewDevices(
      Math.max(...waits),
      account.failures > limits.perAccount ? 'account' : 'centre',
    );
  }
}

function refuseTooManyNewDevices(
  retryAfterSeconds: number,
  bound: 'account' | 'centre',
): ServiceError {
  const hours = Math.ceil(retryAfterSeconds / 3600);
  const whose =
    bound === 'account'
      ? { hi: 'इस खाते से', en: 'with this account' }
      : { hi: 'इस केंद्र में', en: 'at this centre' };
  return new ServiceError('too_many_new_devices', {
    message: {
      hi: `आज ${whose.hi} बहुत से नए टैबलेट पर साइन इन हो चुका है। पहले से इस्तेमाल हो रहे टैबलेट पर साइन इन करें, या ${hours} घंटे बाद फिर कोशिश करें।`,
      en: `Too many new tablets have been signed in ${whose.en} today. Sign in on a tablet already in use, or try again in ${hours} hour(s).`,
    },
    details: { retryAfterSeconds },
  });
}

function secondsLeft(count: WindowCount, now: Date): number {
  const end = Date.parse(count.window_started_at) + NEW_DEVICE_WINDOW_MS;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
