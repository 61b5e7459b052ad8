/**
 * Device identity and data-key custody, on either engine: who gets a tablet's data key
 * (staff of its centre, never another centre, never headquarters, never after
 * revocation), that a device id cannot be taken over with another key, and that a
 * tablet changes centre only when asked, with a new key.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInResponseSchema, sessionResponseSchema } from '../../src/domain/auth-protocol.ts';
import { registerDevice } from '../../server/services/devices.ts';
import {
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
import { makeDeviceKey, signedDeviceFields, type TestDeviceKey } from './device-keys.ts';

export function custodySuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'custody');
  });

  const signIn = (
    username: string,
    deviceId: string,
    extra: { key?: TestDeviceKey; switchCentre?: true; deviceSignature?: string } = {},
  ) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '198.51.100.60',
      payload: {
        username,
        password: TEST_PASSWORD,
        ...signedDeviceFields(username, deviceId, extra.key),
        ...(extra.deviceSignature ? { deviceSignature: extra.deviceSignature } : {}),
        ...(extra.switchCentre ? { switchCentre: true } : {}),
      },
    });
  const dataKeyOf = (tablet: { body: Record<string, unknown> }) =>
    signInResponseSchema.parse(tablet.body).dataKey;
  const deviceRow = (deviceId: string) =>
    h.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow();
  const sessionStatus = async (token: string) => (await getSession(h, token)).statusCode;

  describe('the data key', () => {
    it('goes to every staff member of the tablet’s centre, the same key, stored only wrapped', async () => {
      const first = await signInAs(h, fixture.users.counsellor.username);
      const colleague = await signInAs(h, fixture.users.nurse.username, {
        deviceId: first.deviceId,
      });
      const dataKey = dataKeyOf(first);
      expect(Buffer.from(dataKey, 'base64url')).toHaveLength(32);
      expect(dataKeyOf(colleague)).toBe(dataKey);
      const stored = await deviceRow(first.deviceId);
      expect(stored.wrapped_data_key).not.toBeNull();
      for (const encoding of ['base64url', 'base64', 'hex'] as const) {
        expect(stored.wrapped_data_key).not.toContain(
          Buffer.from(dataKey, 'base64url').toString(encoding),
        );
      }
      expect(first.body.sealingKey).toBe(h.ctx.secrets.sealingPublicKey);
      // Each tablet has its own.
      expect(dataKeyOf(await signInAs(h, fixture.users.operator.username))).not.toBe(dataKey);
    });

    it('is one key when two colleagues register the same new tablet at the same instant', async () => {
      const deviceId = randomUUID();
      const answers = await Promise.all(
        [fixture.users.counsellor, fixture.users.operator, fixture.users.nurse].map((user) =>
          signIn(user.username, deviceId),
        ),
      );
      const keys = answers.map((answer) => {
        expect(answer.statusCode, answer.body).toBe(200);
        return signInResponseSchema.parse(answer.json()).dataKey;
      });
      expect(new Set(keys).size).toBe(1);
    });

    it('never goes to staff of another centre or headquarters, and nothing moves', async () => {
      const tablet = await signInAs(h, fixture.users.caseworker.username);
      const before = await deviceRow(tablet.deviceId);
      for (const user of [
        fixture.users.otherCaseworker,
        fixture.users.state_analyst,
        fixture.users.state_admin,
      ]) {
        const response = await signIn(user.username, tablet.deviceId);
        expect(response.statusCode).toBe(409);
        expect(errorCodeOf(response)).toBe('device_other_centre');
        // Nothing about the tablet's centre: neither its id nor its name.
        expect(response.body).not.toContain(fixture.own.id);
        expect(response.body).not.toContain('LKO');
        expect(response.body).not.toContain('dataKey');
      }
      expect(await deviceRow(tablet.deviceId)).toEqual(before);
      expect(await sessionStatus(tablet.token)).toBe(200);
    });

    it('of a headquarters tablet is its own, and never goes to centre staff', async () => {
      const hq = await signInAs(h, fixture.users.state_analyst.username);
      expect(signInResponseSchema.parse(hq.body).lock).toEqual({ idleMinutes: 5 });
      const admin = await signInAs(h, fixture.users.state_admin.username, {
        deviceId: hq.deviceId,
      });
      expect(dataKeyOf(admin)).toBe(dataKeyOf(hq));
      const manager = await signIn(fixture.users.manager.username, hq.deviceId);
      expect(errorCodeOf(manager)).toBe('device_other_centre');
    });

    it('is destroyed by revocation, and a revoked tablet never gets it again', async () => {
      const tablet = await signInAs(h, fixture.users.caseworker.username);
      const manager = await signInAs(h, fixture.users.manager.username);
      const revoke = await revokeTablet(h, tablet.deviceId, manager.token);
      expect(revoke.statusCode).toBe(200);
      expect((await deviceRow(tablet.deviceId)).wrapped_data_key).toBeNull();
      for (const user of [fixture.users.caseworker, fixture.users.manager]) {
        const again = await signIn(user.username, tablet.deviceId);
        expect(again.statusCode).toBe(401);
        expect(errorCodeOf(again)).toBe('device_revoked');
        expect(again.body).not.toContain('dataKey');
      }
      // Even with the centre switch asked for.
      const switched = await signIn(fixture.users.otherCaseworker.username, tablet.deviceId, {
        switchCentre: true,
      });
      expect(errorCodeOf(switched)).toBe('device_revoked');
      expect((await deviceRow(tablet.deviceId)).wrapped_data_key).toBeNull();
    });

    it('can be revoked by the tablet’s centre manager or state_admin, not another centre’s', async () => {
      const tablet = await signInAs(h, fixture.users.counsellor.username);
      const otherManager = await signInAs(h, fixture.users.otherManager.username);
      const refused = await revokeTablet(h, tablet.deviceId, otherManager.token);
      expect(refused.statusCode).toBe(403);
      expect((await deviceRow(tablet.deviceId)).wrapped_data_key).not.toBeNull();
      const admin = await signInAs(h, fixture.users.state_admin.username);
      const revoked = await revokeTablet(h, tablet.deviceId, admin.token);
      expect(revoked.statusCode).toBe(200);
      expect((await deviceRow(tablet.deviceId)).wrapped_data_key).toBeNull();
    });
  });

  describe('device identity', () => {
    it('refuses another tablet’s device id with another key, leaving the owner signed in', async () => {
      const owner = await signInAs(h, fixture.users.counsellor.username);
      const before = await deviceRow(owner.deviceId);
      // A colleague of another centre, and one of the same centre: the key decides.
      for (const user of [fixture.users.otherManager, fixture.users.nurse]) {
        const takeover = await signIn(user.username, owner.deviceId, {
          key: makeDeviceKey(),
          switchCentre: true,
        });
        expect(takeover.statusCode).toBe(403);
        expect(errorCodeOf(takeover)).toBe('device_key_mismatch');
        expect(takeover.body).not.toContain('dataKey');
      }
      expect(await deviceRow(owner.deviceId)).toEqual(before);
      expect(await sessionStatus(owner.token)).toBe(200);
      const denied = await h.db
        .selectFrom('audit_log')
        .selectAll()
        .where('device_id', '=', owner.deviceId)
        .where('outcome', '=', 'denied')
        .execute();
      expect(denied.map((row) => JSON.parse(row.details) as { reason: string })).toEqual([
        expect.objectContaining({ reason: 'device_key_mismatch' }),
        expect.objectContaining({ reason: 'device_key_mismatch' }),
      ]);
    });

    it('refuses the right key with a signature over something else', async () => {
      const owner = await signInAs(h, fixture.users.operator.username);
      const replayed = signedDeviceFields(fixture.users.counsellor.username, owner.deviceId);
      const response = await signIn(fixture.users.operator.username, owner.deviceId, {
        deviceSignature: replayed.deviceSignature,
      });
      expect(errorCodeOf(response)).toBe('device_key_mismatch');
    });

    it('refuses a new tablet whose signature does not verify, registering nothing', async () => {
      const deviceId = randomUUID();
      const forged = signedDeviceFields(
        fixture.users.caseworker.username,
        deviceId,
        makeDeviceKey(),
      );
      const response = await signIn(fixture.users.caseworker.username, deviceId, {
        deviceSignature: forged.deviceSignature,
      });
      expect(response.statusCode).toBe(401);
      expect(errorCodeOf(response)).toBe('bad_device_signature');
      const devices = h.db.selectFrom('devices').select('id').where('id', '=', deviceId);
      expect(await devices.execute()).toEqual([]);
    });

    it('binds the first key that signs in on a tablet registered before device keys', async () => {
      const user = fixture.users.caseworker;
      const legacy = await registerDevice(h.db, {
        deviceId: randomUUID(),
        name: null,
        owner: { userId: user.id, centreId: fixture.own.id, districtCode: 'LKO' },
        now: h.clock.now(),
      });
      expect(legacy.public_key_jwk).toBeNull();
      const key = makeDeviceKey();
      const bound = await signIn(user.username, legacy.id, { key });
      expect(bound.statusCode).toBe(200);
      expect(JSON.parse((await deviceRow(legacy.id)).public_key_jwk ?? 'null')).toEqual(
        key.publicKey,
      );
      const row = await h.db
        .selectFrom('audit_log')
        .select('details')
        .where('device_id', '=', legacy.id)
        .where('action', '=', 'auth.sign_in')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.details)).toMatchObject({ keyBound: 'first_use' });
      const other = await signIn(user.username, legacy.id, { key: makeDeviceKey() });
      expect(errorCodeOf(other)).toBe('device_key_mismatch');
      expect((await signIn(user.username, legacy.id, { key })).statusCode).toBe(200);
    });
  });

  describe('centre switch', () => {
    it('moves the tablet only when asked, with a new data key, the old one gone', async () => {
      const tablet = await signInAs(h, fixture.users.nurse.username);
      const oldKey = dataKeyOf(tablet);
      const oldWrapped = (await deviceRow(tablet.deviceId)).wrapped_data_key;
      const asked = await signIn(fixture.users.otherCaseworker.username, tablet.deviceId);
      expect(errorCodeOf(asked)).toBe('device_other_centre');

      const moved = await signInAs(h, fixture.users.otherCaseworker.username, {
        deviceId: tablet.deviceId,
        switchCentre: true,
      });
      const newKey = dataKeyOf(moved);
      expect(newKey).not.toBe(oldKey);
      const row = await deviceRow(tablet.deviceId);
      expect(row).toMatchObject({ centre_id: fixture.other.id, tag_scope: 'VNS' });
      expect(row.wrapped_data_key).not.toBe(oldWrapped);
      expect(await sessionStatus(tablet.token)).toBe(401);
      const audit = await h.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'device.centre_switched')
        .where('resource_id', '=', tablet.deviceId)
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ centre_id: fixture.other.id, outcome: 'success' });

      // The first centre's staff now meet the same refusal, and the old key is not theirs.
      const back = await signIn(fixture.users.nurse.username, tablet.deviceId);
      expect(errorCodeOf(back)).toBe('device_other_centre');
      const colleague = await createStaff(h, 'counsellor', fixture.other);
      const again = await signInAs(h, colleague.username, { deviceId: tablet.deviceId });
      expect(dataKeyOf(again)).toBe(newKey);
    });
  });

  describe('PUT /api/centres/:id/lock', () => {
    const setLock = (token: string, centreId: string, idleMinutes: unknown) =>
      inject(h, {
        method: 'PUT',
        url: `/api/centres/${centreId}/lock`,
        token,
        payload: { idleMinutes },
      });

    it('lets the centre’s manager and state_admin set it; tablets read it at sign-in and in the session', async () => {
      const manager = await signInAs(h, fixture.users.manager.username);
      const set = await setLock(manager.token, fixture.own.id, 12);
      expect(set.statusCode).toBe(200);
      expect(set.json()).toEqual({ centreId: fixture.own.id, lock: { idleMinutes: 12 } });
      const tablet = await signInAs(h, fixture.users.caseworker.username);
      expect(signInResponseSchema.parse(tablet.body).lock).toEqual({ idleMinutes: 12 });
      const admin = await signInAs(h, fixture.users.state_admin.username);
      expect((await setLock(admin.token, fixture.own.id, 3)).statusCode).toBe(200);
      const session = await getSession(h, tablet.token);
      expect(sessionResponseSchema.parse(session.json()).lock).toEqual({ idleMinutes: 3 });
      expect((await setLock(admin.token, fixture.own.id, 5)).statusCode).toBe(200);
    });

    it('refuses other centres’ managers, other roles, and values outside 1–60', async () => {
      const otherManager = await signInAs(h, fixture.users.otherManager.username);
      const refused = await setLock(otherManager.token, fixture.own.id, 30);
      expect(refused.statusCode).toBe(403);
      const caseworker = await signInAs(h, fixture.users.caseworker.username);
      expect((await setLock(caseworker.token, fixture.own.id, 30)).statusCode).toBe(403);
      const analyst = await signInAs(h, fixture.users.state_analyst.username);
      expect((await setLock(analyst.token, fixture.own.id, 30)).statusCode).toBe(403);
      const manager = await signInAs(h, fixture.users.manager.username);
      for (const idleMinutes of [0, 61, 2.5, '10', null]) {
        const response = await setLock(manager.token, fixture.own.id, idleMinutes);
        expect(response.statusCode).toBe(400);
      }
      expect((await setLock(manager.token, 'no-such-centre', 10)).statusCode).toBe(404);
      const centre = await h.db
        .selectFrom('centres')
        .select('lock_idle_minutes')
        .where('id', '=', fixture.own.id)
        .executeTakeFirstOrThrow();
      expect(centre.lock_idle_minutes).toBe(5);
    });
  });
}
