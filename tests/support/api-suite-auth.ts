/**
 * Sign-in, sessions, expiry, revocation and rate limits, written once and run on SQLite
 * (server/api.test.ts) and PostgreSQL (server/api.pg.test.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  sessionResponseSchema,
  signInResponseSchema,
  signOutResponseSchema,
} from '../../src/domain/auth-protocol.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../server/services/sessions.ts';
import { SIGN_IN_LIMITS } from '../../server/services/sign-in-throttle.ts';
import {
  START_TIME,
  TEST_PASSWORD,
  createStaff,
  errorCodeOf,
  getSession,
  inject,
  revokeTablet,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
} from './api-harness.ts';

import { signedDeviceFields } from './device-keys.ts';
const DAY_MS = 24 * 60 * 60 * 1000;

export function authSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'auth');
  });

  afterEach(() => h.clock.reset());

  const session = (token: string) => getSession(h, token);
  // Signed with the device id's key unless the payload brings its own signature.
  const signInRequest = (
    payload: { username: string; deviceId: string } & Record<string, unknown>,
    ip = '198.51.100.1',
  ) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { ...signedDeviceFields(payload.username, payload.deviceId), ...payload },
      remoteAddress: ip,
    });

  describe('POST /api/auth/sign-in', () => {
    it('registers the tablet and returns a token, expiry, user, centre, tag and server time', async () => {
      const user = fixture.users.counsellor;
      const deviceId = randomUUID();
      const response = await signInRequest({
        username: user.username,
        password: TEST_PASSWORD,
        deviceId,
        deviceName: 'परामर्श टैबलेट',
      });
      expect(response.statusCode).toBe(200);
      const body = signInResponseSchema.parse(response.json());
      expect(body.user).toEqual({
        id: user.id,
        username: user.username,
        role: 'counsellor',
        centreId: fixture.own.id,
        displayName: user.display_name,
      });
      expect(body.centre).toMatchObject({ id: fixture.own.id, districtCode: 'LKO' });
      expect(body.device).toMatchObject({ id: deviceId, name: 'परामर्श टैबलेट' });
      expect(body.device.tag).toMatch(/^[0-9A-Z]{2}$/);
      expect(body.serverTime).toBe(START_TIME.toISOString());
      expect(body.expiresAt).toBe(new Date(START_TIME.getTime() + SESSION_IDLE_MS).toISOString());
      expect(body.absoluteExpiresAt).toBe(
        new Date(START_TIME.getTime() + SESSION_MAX_MS).toISOString(),
      );
      const stored = await h.db.selectFrom('sessions').selectAll().execute();
      expect(stored.some((row) => row.token_hash === body.token)).toBe(false);
      const hash = createHash('sha256').update(body.token).digest('hex');
      expect(stored.filter((row) => row.token_hash === hash)).toHaveLength(1);
    });

    it('gives each tablet in a district its own tag, and keeps it on re-registration', async () => {
      const first = await signInAs(h, fixture.users.nurse.username);
      const second = await signInAs(h, fixture.users.operator.username);
      const tagOf = (tablet: { body: Record<string, unknown> }) =>
        (tablet.body.device as { tag: string }).tag;
      expect(tagOf(first)).not.toBe(tagOf(second));
      // The same tablet, now used by a colleague in the same centre: same tag.
      const shared = await signInAs(h, fixture.users.caseworker.username, {
        deviceId: first.deviceId,
      });
      expect(tagOf(shared)).toBe(tagOf(first));
      // Colleagues share the tablet: the nurse's session there lives on beside hers.
      expect((await session(first.token)).statusCode).toBe(200);
      expect((await session(shared.token)).statusCode).toBe(200);
      const device = await h.db
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', first.deviceId)
        .executeTakeFirstOrThrow();
      expect(device).toMatchObject({ user_id: fixture.users.caseworker.id, tag_scope: 'LKO' });
      // The nurse signing in again there replaces only her own earlier session.
      const again = await signInAs(h, fixture.users.nurse.username, {
        deviceId: first.deviceId,
      });
      expect(errorCodeOf(await session(first.token))).toBe('session_expired');
      expect((await session(again.token)).statusCode).toBe(200);
      expect((await session(shared.token)).statusCode).toBe(200);
    });

    it('gives a tablet moved to another district a tag of that district', async () => {
      const tablet = await signInAs(h, fixture.users.nurse.username);
      const moved = await signInAs(h, fixture.users.otherCaseworker.username, {
        deviceId: tablet.deviceId,
        switchCentre: true,
      });
      expect(moved.body.centre).toMatchObject({ districtCode: 'VNS' });
      // A tablet that moved centre keeps no session of the centre it left.
      expect(errorCodeOf(await session(tablet.token))).toBe('session_expired');
      const device = await h.db
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', tablet.deviceId)
        .executeTakeFirstOrThrow();
      expect(device).toMatchObject({ tag_scope: 'VNS', centre_id: fixture.other.id });
    });

    it('never hands one tag to two tablets of a district, even when they register at once', async () => {
      const colleagues = await Promise.all(
        Array.from({ length: 4 }, () => createStaff(h, 'caseworker', fixture.other)),
      );
      const tablets = await Promise.all(
        [...colleagues, ...colleagues].map((user) => signInAs(h, user.username)),
      );
      const devices = await h.db
        .selectFrom('devices')
        .select(['tag', 'tag_scope'])
        .where('tag_scope', '=', 'VNS')
        .execute();
      expect(new Set(devices.map((device) => device.tag)).size).toBe(devices.length);
      expect(devices.length).toBeGreaterThanOrEqual(tablets.length);
    });

    it('takes the username in any case and with stray spaces', async () => {
      const response = await signInRequest({
        username: `  ${fixture.users.caseworker.username.toUpperCase()} `,
        password: TEST_PASSWORD,
        deviceId: randomUUID(),
      });
      expect(response.statusCode).toBe(200);
    });

    it('answers a wrong password and an unknown user alike: 401 invalid_credentials', async () => {
      const wrong = await signInRequest(
        { username: fixture.users.nurse.username, password: 'not it', deviceId: 'tab-1' },
        '198.51.100.2',
      );
      const unknown = await signInRequest(
        { username: 'nobody.here', password: 'not it', deviceId: 'tab-1' },
        '198.51.100.2',
      );
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(errorCodeOf(wrong)).toBe('invalid_credentials');
      const devices = await h.db
        .selectFrom('devices')
        .select('id')
        .where('id', '=', 'tab-1')
        .execute();
      expect(devices).toEqual([]);
    });

    it('limits guesses per account: the sixth attempt is refused even with the right password', async () => {
      const { username } = await createStaff(h, 'operator', fixture.own);
      for (let attempt = 1; attempt <= SIGN_IN_LIMITS.perAccount; attempt++) {
        // A new address each time: only the account limit is under test.
        const response = await signInRequest(
          { username, password: `wrong ${attempt}`, deviceId: 'tab-x' },
          `192.0.2.${attempt}`,
        );
        expect(response.statusCode).toBe(401);
      }
      const refused = await signInRequest(
        { username, password: TEST_PASSWORD, deviceId: randomUUID() },
        '192.0.2.99',
      );
      expect(refused.statusCode).toBe(429);
      expect(errorCodeOf(refused)).toBe('too_many_attempts');
      expect(Number(refused.headers['retry-after'])).toBe(SIGN_IN_LIMITS.windowMs / 1000);
      h.clock.advance(SIGN_IN_LIMITS.windowMs);
      const later = await signInRequest(
        { username, password: TEST_PASSWORD, deviceId: randomUUID() },
        '192.0.2.99',
      );
      expect(later.statusCode).toBe(200);
    });

    it('clears the account count on success', async () => {
      const { username } = await createStaff(h, 'counsellor', fixture.own);
      const attempt = (password: string) =>
        signInRequest({ username, password, deviceId: randomUUID() }, '192.0.2.150');
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) {
        expect((await attempt('wrong')).statusCode).toBe(401);
      }
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
        expect((await attempt('wrong')).statusCode).toBe(401);
      }
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
    });

    it('limits failures per address, across usernames', async () => {
      const ip = '192.0.2.200';
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
        const response = await signInRequest(
          { username: `guess${i}`, password: 'x', deviceId: 'tab-y' },
          ip,
        );
        expect(response.statusCode).toBe(401);
      }
      const refused = await signInRequest(
        {
          username: fixture.users.state_analyst.username,
          password: TEST_PASSWORD,
          deviceId: 'tab-z',
        },
        ip,
      );
      expect(refused.statusCode).toBe(429);
      const elsewhere = await signInRequest(
        {
          username: fixture.users.state_analyst.username,
          password: TEST_PASSWORD,
          deviceId: 'tab-z',
        },
        '192.0.2.201',
      );
      expect(elsewhere.statusCode).toBe(200);
    });

    it('does not charge the address for retries at a locked account: her colleagues still sign in', async () => {
      const locked = await createStaff(h, 'nurse', fixture.own);
      const colleague = await createStaff(h, 'caseworker', fixture.own);
      const centre = '192.0.2.210';
      for (let attempt = 1; attempt <= SIGN_IN_LIMITS.perAccount; attempt++) {
        const wrong = await signInRequest(
          { username: locked.username, password: 'wrong', deviceId: 'tab-l' },
          `192.0.2.${220 + attempt}`,
        );
        expect(wrong.statusCode).toBe(401);
      }
      // She keeps trying her right password from the centre, far past the address limit.
      for (let retry = 0; retry < SIGN_IN_LIMITS.perAddress + 5; retry++) {
        const refused = await signInRequest(
          { username: locked.username, password: TEST_PASSWORD, deviceId: 'tab-l' },
          centre,
        );
        expect(refused.statusCode).toBe(429);
      }
      const other = await signInRequest(
        { username: colleague.username, password: TEST_PASSWORD, deviceId: randomUUID() },
        centre,
      );
      expect(other.statusCode).toBe(200);
    });

    it('lets 30 correct sign-ins from one address (a centre behind one NAT) all in at once', async () => {
      const staff = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          createStaff(h, i % 2 === 0 ? 'counsellor' : 'caseworker', fixture.own),
        ),
      );
      const answers = await Promise.all(
        staff.map((user) =>
          signInRequest(
            { username: user.username, password: TEST_PASSWORD, deviceId: randomUUID() },
            '192.0.2.230',
          ),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(30).fill(200));
      // Failures from that address still count, as before.
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
        const wrong = await signInRequest(
          { username: staff[i % 30]?.username ?? '', password: `wrong ${i}`, deviceId: 'tab-n' },
          '192.0.2.230',
        );
        expect(wrong.statusCode).toBe(401);
      }
      const after = await signInRequest(
        { username: fixture.users.nurse.username, password: TEST_PASSWORD, deviceId: 'tab-n' },
        '192.0.2.230',
      );
      expect(after.statusCode).toBe(429);
    }, 30_000);

    it('refuses a disabled account, and ends its sessions', async () => {
      const user = await createStaff(h, 'state_analyst', null);
      const tablet = await signInAs(h, user.username);
      await h.db
        .updateTable('users')
        .set({ disabled_at: h.clock.now().toISOString() })
        .where('id', '=', user.id)
        .execute();
      const again = await signInRequest({
        username: user.username,
        password: TEST_PASSWORD,
        deviceId: randomUUID(),
      });
      expect(again.statusCode).toBe(401);
      expect(errorCodeOf(again)).toBe('account_disabled');
      const wrong = await signInRequest({
        username: user.username,
        password: 'wrong',
        deviceId: randomUUID(),
      });
      expect(errorCodeOf(wrong)).toBe('invalid_credentials');
      const current = await session(tablet.token);
      expect(current.statusCode).toBe(401);
      expect(errorCodeOf(current)).toBe('account_disabled');
    });
  });

  describe('sessions', () => {
    it('GET /api/auth/session says who is signed in, on which tablet, until when', async () => {
      const tablet = await signInAs(h, fixture.users.manager.username);
      const response = await session(tablet.token);
      expect(response.statusCode).toBe(200);
      const body = sessionResponseSchema.parse(response.json());
      expect(body.user.id).toBe(fixture.users.manager.id);
      expect(body.device.id).toBe(tablet.deviceId);
      expect(body.centre?.districtCode).toBe('LKO');
    });

    it('answers no token with not_signed_in and an unknown one with session_expired', async () => {
      const none = await inject(h, { method: 'GET', url: '/api/auth/session' });
      expect(none.statusCode).toBe(401);
      expect(errorCodeOf(none)).toBe('not_signed_in');
      for (const token of ['x'.repeat(43), 'short', 'a b']) {
        const response = await getSession(h, token);
        expect(response.statusCode, token).toBe(401);
      }
      const basic = await inject(h, {
        method: 'GET',
        url: '/api/users',
        headers: { authorization: 'Basic dXNlcjpwYXNz' },
      });
      expect(errorCodeOf(basic)).toBe('not_signed_in');
    });

    it('ends after 30 idle days, and slides forward with use', async () => {
      const idle = await signInAs(h, fixture.users.nurse.username);
      const used = await signInAs(h, fixture.users.operator.username);
      h.clock.advance(20 * DAY_MS);
      expect((await session(used.token)).statusCode).toBe(200);
      h.clock.advance(SESSION_IDLE_MS - 20 * DAY_MS);
      expect(errorCodeOf(await session(idle.token))).toBe('session_expired');
      const stillUsed = await session(used.token);
      expect(stillUsed.statusCode).toBe(200);
      expect(sessionResponseSchema.parse(stillUsed.json()).expiresAt).toBe(
        new Date(h.clock.now().getTime() + SESSION_IDLE_MS).toISOString(),
      );
    });

    it('ends 90 days after sign-in however often it is used', async () => {
      const tablet = await signInAs(h, fixture.users.nurse.username);
      for (let day = 20; day < 90; day += 20) {
        h.clock.advance(20 * DAY_MS);
        expect((await session(tablet.token)).statusCode, `day ${day}`).toBe(200);
      }
      h.clock.advance(10 * DAY_MS);
      expect(errorCodeOf(await session(tablet.token))).toBe('session_expired');
    });

    it('POST /api/auth/sign-out ends this session only', async () => {
      const tablet = await signInAs(h, fixture.users.caseworker.username);
      const otherTablet = await signInAs(h, fixture.users.caseworker.username);
      const response = await inject(h, {
        method: 'POST',
        url: '/api/auth/sign-out',
        token: tablet.token,
      });
      expect(response.statusCode).toBe(200);
      signOutResponseSchema.parse(response.json());
      expect(errorCodeOf(await session(tablet.token))).toBe('session_expired');
      expect((await session(otherTablet.token)).statusCode).toBe(200);
    });

    it('tells a revoked tablet so on its next request, and refuses to sign it in again', async () => {
      const tablet = await signInAs(h, fixture.users.counsellor.username);
      const admin = await signInAs(h, fixture.users.state_admin.username);
      const revoke = await revokeTablet(h, tablet.deviceId, admin.token);
      expect(revoke.statusCode).toBe(200);
      const next = await session(tablet.token);
      expect(next.statusCode).toBe(401);
      expect(errorCodeOf(next)).toBe('device_revoked');
      const again = await signInRequest({
        username: fixture.users.counsellor.username,
        password: TEST_PASSWORD,
        deviceId: tablet.deviceId,
      });
      expect(again.statusCode).toBe(401);
      expect(errorCodeOf(again)).toBe('device_revoked');
      // After wiping, the tablet makes a new device id and may sign in.
      await signInAs(h, fixture.users.counsellor.username);
    });
  });
}
