/**
 * The day's bounds on new tablets, on either engine and at the production numbers
 * (DEFAULT_NEW_DEVICE_LIMITS): the harness must be built with them. Each test signs in
 * at a centre of its own, so the centre counts of one test never reach another's.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Centre, User } from '../../server/db/schema.ts';
import { createCentre } from '../../server/services/accounts.ts';
import {
  DEFAULT_NEW_DEVICE_LIMITS,
  NEW_DEVICE_WINDOW_MS,
} from '../../server/services/new-device-quota.ts';
import { TEST_PASSWORD, createStaff, type ApiHarness } from './api-harness.ts';
import { signedDeviceFields } from './device-keys.ts';

const { perAccount, perCentre } = DEFAULT_NEW_DEVICE_LIMITS;
const DAY_SECONDS = NEW_DEVICE_WINDOW_MS / 1000;

interface Refusal {
  error: { code: string; message: { hi: string; en: string } };
}

export function newDeviceSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let districts: string[];

  beforeAll(() => {
    h = getHarness();
    h.clock.reset();
    districts = ['AGR', 'KNP', 'GZB', 'MRT', 'BRL', 'ALD'];
  });

  const freshCentre = (): Promise<Centre> => {
    const districtCode = districts.shift();
    if (!districtCode) throw new Error('no district left for a fresh centre');
    return createCentre(h.ctx, {
      districtCode,
      nameHi: `केंद्र ${districtCode}`,
      nameEn: `Centre ${districtCode}`,
      phone: null,
      address: null,
      email: null,
    });
  };
  const signIn = (user: User, deviceId: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '198.51.100.80',
      payload: {
        username: user.username,
        password: TEST_PASSWORD,
        ...signedDeviceFields(user.username, deviceId),
      },
    });
  const signInNewTablets = async (user: User, count: number): Promise<string[]> => {
    const deviceIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const deviceId = randomUUID();
      const response = await signIn(user, deviceId);
      expect(response.statusCode, response.body).toBe(200);
      deviceIds.push(deviceId);
    }
    return deviceIds;
  };
  const isRegistered = async (deviceId: string) =>
    (await h.db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', deviceId)
      .executeTakeFirst()) !== undefined;

  it(`registers ${perAccount} new tablets for an account in a day and refuses the next, registering nothing`, async () => {
    const centre = await freshCentre();
    const nurse = await createStaff(h, 'nurse', centre);
    await signInNewTablets(nurse, perAccount);
    const tagsBefore = await h.db.selectFrom('device_tag_counters').selectAll().execute();

    const extra = randomUUID();
    const response = await signIn(nurse, extra);

    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe(String(DAY_SECONDS));
    const { error } = response.json<Refusal>();
    expect(error.code).toBe('too_many_new_devices');
    expect(error.message.en).toContain('with this account');
    expect(error.message.en).toContain('24 hour');
    expect(error.message.hi).toContain('24 घंटे');
    expect(await isRegistered(extra)).toBe(false);
    expect(await h.db.selectFrom('device_tag_counters').selectAll().execute()).toEqual(tagsBefore);
    const audit = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.sign_in')
      .where('device_id', '=', extra)
      .executeTakeFirstOrThrow();
    expect(audit.outcome).toBe('denied');
    expect(audit.user_id).toBe(nurse.id);
    expect(JSON.parse(audit.details)).toMatchObject({ reason: 'too_many_new_devices' });
  });

  it('never limits a sign-in on a tablet already registered, hers or a colleague’s', async () => {
    const centre = await freshCentre();
    const [nurse, counsellor] = [
      await createStaff(h, 'nurse', centre),
      await createStaff(h, 'counsellor', centre),
    ];
    const [ownTablet] = await signInNewTablets(nurse, perAccount);
    const [sharedTablet] = await signInNewTablets(counsellor, perAccount);
    expect((await signIn(nurse, randomUUID())).statusCode).toBe(429);

    for (let i = 0; i < 3; i++) {
      expect((await signIn(nurse, ownTablet!)).statusCode).toBe(200);
      expect((await signIn(nurse, sharedTablet!)).statusCode).toBe(200);
    }
  });

  it('keeps answering the same wait to a tablet retrying, and clears the password count', async () => {
    const centre = await freshCentre();
    const caseworker = await createStaff(h, 'caseworker', centre);
    await signInNewTablets(caseworker, perAccount);
    // More quick retries than the account's password attempts: a refusal after the
    // password was proven must not lock her out as wrong passwords would.
    for (let retry = 0; retry < 8; retry++) {
      const response = await signIn(caseworker, randomUUID());
      expect(response.json<Refusal>().error.code).toBe('too_many_new_devices');
      expect(response.headers['retry-after']).toBe(String(DAY_SECONDS));
    }
    const hour = 60 * 60 * 1000;
    for (let hours = 1; hours <= 3; hours++) {
      h.clock.advance(hour);
      const response = await signIn(caseworker, randomUUID());
      expect(response.headers['retry-after']).toBe(String(DAY_SECONDS - hours * 3600));
    }
    h.clock.advance(NEW_DEVICE_WINDOW_MS - 3 * hour);
    await signInNewTablets(caseworker, perAccount);
  });

  it(`registers ${perCentre} new tablets at a centre in a day, whoever signs in, and refuses the next`, async () => {
    const centre = await freshCentre();
    const staff: User[] = [];
    for (let i = 0; i < perCentre / 4; i++) staff.push(await createStaff(h, 'counsellor', centre));
    for (const member of staff) await signInNewTablets(member, 4);
    const newcomer = await createStaff(h, 'manager', centre);

    const response = await signIn(newcomer, randomUUID());

    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe(String(DAY_SECONDS));
    const { error } = response.json<Refusal>();
    expect(error.code).toBe('too_many_new_devices');
    expect(error.message.en).toContain('at this centre');
    // Another centre's count is its own.
    const elsewhere = await createStaff(h, 'manager', await freshCentre());
    await signInNewTablets(elsewhere, 1);
  });
}
