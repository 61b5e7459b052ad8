/**
 * The audit log records what it promises: every sign-in (and failed or refused one),
 * sign-out, revocation and account creation, with who, which tablet, from where, when
 * and the outcome; never a password or a token; and it cannot be changed afterwards.
 * Run on both engines.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPageResponseSchema } from '../../src/domain/auth-protocol.ts';
import {
  START_TIME,
  TEST_PASSWORD,
  inject,
  revokeTablet,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
} from './api-harness.ts';
import { signedDeviceFields } from './device-keys.ts';
import { createServerSecrets } from '../../server/services/server-secrets.ts';
import { hashUsername } from '../../server/services/username-hash.ts';

export function auditSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;
  let adminToken: string;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'audit');
    adminToken = (await signInAs(h, fixture.users.state_admin.username)).token;
  });

  const latest = (action: string) =>
    h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('records a sign-in: who, which tablet, from where, when', async () => {
    const tablet = await signInAs(h, fixture.users.nurse.username, { ip: '203.0.113.77' });
    const row = await latest('auth.sign_in');
    expect(row).toMatchObject({
      at: START_TIME.toISOString(),
      user_id: fixture.users.nurse.id,
      device_id: tablet.deviceId,
      centre_id: fixture.own.id,
      ip: '203.0.113.77',
      outcome: 'success',
      resource_type: 'device',
      resource_id: tablet.deviceId,
    });
  });

  it('records failed and refused sign-ins, without the password tried', async () => {
    const secret = `guess-${randomUUID()}`;
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '203.0.113.78',
      payload: {
        username: fixture.users.operator.username,
        password: secret,
        ...signedDeviceFields(fixture.users.operator.username, 'tab-f'),
      },
    });
    const row = await latest('auth.sign_in');
    expect(row).toMatchObject({
      user_id: fixture.users.operator.id,
      device_id: 'tab-f',
      ip: '203.0.113.78',
      outcome: 'failure',
    });
    expect(JSON.parse(row.details)).toEqual({
      username: fixture.users.operator.username,
      reason: 'wrong_password',
    });
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: {
        username: 'no.such.person',
        password: secret,
        ...signedDeviceFields('no.such.person', 'tab-f'),
      },
    });
    expect(JSON.parse((await latest('auth.sign_in')).details)).toEqual({
      usernameHash: hashUsername(h.ctx.secrets.usernameKey, 'no.such.person'),
      reason: 'unknown_user',
    });
    const everything = JSON.stringify(await h.db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(TEST_PASSWORD);
  });

  it('keeps a username no account has only as its keyed hash, the same each time it is typed', async () => {
    // A password typed in the username box, as happens.
    const typed = `Pass-${randomUUID()}`;
    const attempt = (ip: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: ip,
        payload: { username: typed, password: 'x', ...signedDeviceFields(typed, 'tab-h') },
      });
    // Six from one account's view: the sixth is refused by the limit, and hashed too.
    for (let i = 0; i < 6; i++) await attempt(`203.0.113.${120 + i}`);
    const rows = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.sign_in')
      .where('device_id', '=', 'tab-h')
      .orderBy('id')
      .execute();
    const details = rows.map((row) => JSON.parse(row.details) as Record<string, unknown>);
    const expected = hashUsername(h.ctx.secrets.usernameKey, typed.toLowerCase());
    expect(expected).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(details.map((each) => each.usernameHash)).toEqual(Array(6).fill(expected));
    expect(details.map((each) => each.reason)).toEqual([
      ...Array<string>(5).fill('unknown_user'),
      'too_many_attempts',
    ]);
    const stored = JSON.stringify([
      await h.db.selectFrom('audit_log').selectAll().execute(),
      await h.db.selectFrom('sign_in_throttles').selectAll().execute(),
    ]);
    expect(stored.toLowerCase()).not.toContain(typed.toLowerCase());
    // Another server's key gives another hash: without the secrets file, no guess checks.
    expect(hashUsername(createServerSecrets().usernameKey, typed.toLowerCase())).not.toBe(expected);
  });

  it('never stores a session token in the log', async () => {
    const tablet = await signInAs(h, fixture.users.operator.username);
    const everything = JSON.stringify(await h.db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(tablet.token);
  });

  it('records sign-out, revocation (allowed and denied) and account creation', async () => {
    const tablet = await signInAs(h, fixture.users.caseworker.username);
    await inject(h, { method: 'POST', url: '/api/auth/sign-out', token: tablet.token });
    expect(await latest('auth.sign_out')).toMatchObject({
      user_id: fixture.users.caseworker.id,
      device_id: tablet.deviceId,
      outcome: 'success',
    });

    const otherTablet = await signInAs(h, fixture.users.otherCaseworker.username);
    const manager = await signInAs(h, fixture.users.manager.username);
    await revokeTablet(h, otherTablet.deviceId, manager.token);
    expect(await latest('device.revoke')).toMatchObject({
      user_id: fixture.users.manager.id,
      device_id: manager.deviceId,
      resource_id: otherTablet.deviceId,
      centre_id: fixture.other.id,
      outcome: 'denied',
    });
    await revokeTablet(h, otherTablet.deviceId, adminToken);
    expect(await latest('device.revoke')).toMatchObject({
      user_id: fixture.users.state_admin.id,
      resource_id: otherTablet.deviceId,
      outcome: 'success',
    });

    const created = await inject(h, {
      method: 'POST',
      url: '/api/users',
      token: manager.token,
      payload: {
        username: 'audit.newcomer',
        displayName: 'नई केसवर्कर',
        role: 'caseworker',
        centreId: fixture.own.id,
        password: TEST_PASSWORD,
      },
    });
    expect(created.statusCode).toBe(201);
    const row = await latest('user.create');
    expect(row).toMatchObject({
      user_id: fixture.users.manager.id,
      resource_type: 'user',
      resource_id: created.json<{ user: { id: string } }>().user.id,
      centre_id: fixture.own.id,
      outcome: 'success',
    });
    expect(row.details).not.toContain(TEST_PASSWORD);
  });

  it('refuses UPDATE and DELETE on the log at the database itself', async () => {
    const before = await h.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    await expect(sql`update audit_log set outcome = 'success'`.execute(h.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
    if (h.engine === 'postgres') {
      await expect(sql`truncate audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
    }
    expect(await h.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
  });

  describe('GET /api/audit', () => {
    it('pages through the whole log, newest first, with no gaps or repeats', async () => {
      const seen: number[] = [];
      let before: number | null | undefined;
      do {
        const query: string = before ? `?limit=3&before=${before}` : '?limit=3';
        const response = await inject(h, {
          method: 'GET',
          url: `/api/audit${query}`,
          token: adminToken,
        });
        expect(response.statusCode).toBe(200);
        const page = auditPageResponseSchema.parse(response.json());
        seen.push(...page.entries.map((entry) => entry.id));
        before = page.nextBefore;
      } while (before);
      const all = await h.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').execute();
      expect(seen).toEqual(all.map((row) => row.id));
    });

    it('shows a manager only her centre’s events', async () => {
      const manager = await signInAs(h, fixture.users.manager.username);
      const response = await inject(h, {
        method: 'GET',
        url: '/api/audit?limit=200',
        token: manager.token,
      });
      const page = auditPageResponseSchema.parse(response.json());
      expect(page.entries.length).toBeGreaterThan(0);
      for (const entry of page.entries) expect(entry.centreId).toBe(fixture.own.id);
    });

    it('narrows by person, action and time within her scope, newest first, paging the same', async () => {
      const manager = await signInAs(h, fixture.users.manager.username);
      h.clock.advance(60 * 60 * 1000);
      const from = h.clock.now().toISOString();
      await signInAs(h, fixture.users.nurse.username);
      await signInAs(h, fixture.users.nurse.username);
      await signInAs(h, fixture.users.counsellor.username);
      await signInAs(h, fixture.users.otherCaseworker.username);
      h.clock.advance(60 * 60 * 1000);
      const to = h.clock.now().toISOString();
      await signInAs(h, fixture.users.nurse.username);
      const read = async (query: string) => {
        const response = await inject(h, {
          method: 'GET',
          url: `/api/audit?${query}`,
          token: manager.token,
        });
        expect(response.statusCode, response.body).toBe(200);
        return auditPageResponseSchema.parse(response.json());
      };
      const window = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const nurse = await read(
        `userId=${fixture.users.nurse.id}&action=auth.sign_in&${window}&limit=1`,
      );
      expect(nurse.entries.map((entry) => [entry.userId, entry.action, entry.at])).toEqual([
        [fixture.users.nurse.id, 'auth.sign_in', from],
      ]);
      const older = await read(
        `userId=${fixture.users.nurse.id}&action=auth.sign_in&${window}&before=${nurse.nextBefore}`,
      );
      expect(older.entries).toHaveLength(1);
      expect(older.nextBefore).toBeNull();
      expect(older.entries[0]!.id).toBeLessThan(nurse.entries[0]!.id);

      const inWindow = await read(`action=auth.sign_in&${window}`);
      expect(inWindow.entries.map((entry) => entry.userId)).toEqual([
        fixture.users.counsellor.id,
        fixture.users.nurse.id,
        fixture.users.nurse.id,
      ]);
      // Another centre's person: nothing, never her events.
      expect((await read(`userId=${fixture.users.otherCaseworker.id}`)).entries).toEqual([]);
    });

    it('refuses an unknown action or a time that is not one', async () => {
      for (const query of ['action=case.delete', 'from=yesterday', 'to=2026-13-40T00:00:00Z']) {
        const response = await inject(h, {
          method: 'GET',
          url: `/api/audit?${query}`,
          token: adminToken,
        });
        expect(response.statusCode, query).toBe(400);
      }
    });
  });
}
