/**
 * Disabling a staff account and resetting its password: who may, what each ends
 * (sign-in or the old password, every session) and what it leaves (nothing else
 * changes; the audit log says who did it). Run on both engines (server/api.test.ts,
 * server/api.pg.test.ts).
 */
import { beforeAll, expect, it } from 'vitest';
import { userListResponseSchema } from '../../src/domain/auth-protocol.ts';
import {
  countRows,
  createStaff,
  getSession,
  inject,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
} from './api-harness.ts';

export function staffSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;
  let managerToken: string;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'ds');
    managerToken = (await signInAs(h, fixture.users.manager.username)).token;
  });

  const disable = (userId: string, token = managerToken) =>
    inject(h, { method: 'POST', url: `/api/users/${userId}/disable`, token });

  it('lists each account with its last password sign-in, not a failed one, null when never', async () => {
    const { nurse, counsellor } = fixture.users;
    await signInAs(h, nurse.username);
    const firstAt = h.clock.now().toISOString();
    h.clock.advance(60 * 60_000);
    await signInAs(h, nurse.username);
    const lastAt = h.clock.now().toISOString();
    h.clock.advance(60 * 60_000);
    await expect(
      signInAs(h, nurse.username, { password: 'not her password at all' }),
    ).rejects.toThrow(/401/);
    const response = await inject(h, { method: 'GET', url: '/api/users', token: managerToken });
    expect(response.statusCode, response.body).toBe(200);
    const lastSignIns = new Map(
      userListResponseSchema
        .parse(response.json())
        .users.map((user) => [user.id, user.lastSignInAt]),
    );
    expect(lastAt).not.toBe(firstAt);
    expect(lastSignIns.get(nurse.id)).toBe(lastAt);
    expect(lastSignIns.get(fixture.users.manager.id)).not.toBeNull();
    expect(lastSignIns.get(counsellor.id)).toBeNull();
  });

  it("lets a manager disable her centre's caseworker: no sign-in, every session ended", async () => {
    const caseworker = fixture.users.caseworker;
    const session = await signInAs(h, caseworker.username);
    const response = await disable(caseworker.id);
    expect(response.statusCode, response.body).toBe(200);
    const { user } = response.json<{ user: { id: string; disabledAt: string | null } }>();
    expect(user.id).toBe(caseworker.id);
    expect(user.disabledAt).not.toBeNull();

    const asHer = await getSession(h, session.token);
    expect(asHer.statusCode).toBe(401);
    await expect(signInAs(h, caseworker.username)).rejects.toThrow(/401/);
    const audit = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.disable')
      .where('resource_id', '=', caseworker.id)
      .execute();
    expect(audit.map((row) => [row.outcome, row.user_id])).toEqual([
      ['success', fixture.users.manager.id],
    ]);

    const again = await disable(caseworker.id);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ user: { disabledAt: string } }>().user.disabledAt).toBe(user.disabledAt);
  });

  it('refuses a manager another centre’s staff, another manager and herself, changing nothing', async () => {
    for (const target of [
      fixture.users.otherCaseworker,
      fixture.users.otherManager,
      fixture.users.state_analyst,
      fixture.users.manager,
    ]) {
      const before = await countRows(h);
      const response = await disable(target.id);
      expect(response.statusCode, target.username).toBe(403);
      const row = await h.db
        .selectFrom('users')
        .select('disabled_at')
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      expect(row.disabled_at).toBeNull();
      // Only the denial's own audit row is written.
      expect(await countRows(h)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
    }
  });

  it('refuses staff who are not managers, and answers 404 for an unknown account', async () => {
    const nurse = await signInAs(h, fixture.users.nurse.username);
    expect((await disable(fixture.users.counsellor.id, nurse.token)).statusCode).toBe(403);
    expect((await disable('no-such-user')).statusCode).toBe(404);
  });

  it('lets state_admin disable any centre’s manager', async () => {
    const admin = await signInAs(h, fixture.users.state_admin.username);
    const response = await disable(fixture.users.otherManager.id, admin.token);
    expect(response.statusCode, response.body).toBe(200);
    await expect(signInAs(h, fixture.users.otherManager.username)).rejects.toThrow(/401/);
  });

  const passwordHashOf = async (userId: string) =>
    (
      await h.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).password_hash;

  const NEW_PASSWORD = 'नीला बादल साइकिल आम';
  const resetPassword = (userId: string, token = managerToken, password = NEW_PASSWORD) =>
    inject(h, {
      method: 'POST',
      url: `/api/users/${userId}/reset-password`,
      token,
      payload: { password },
    });

  it("lets a manager reset her counsellor's password: the old one and every session end", async () => {
    const counsellor = fixture.users.counsellor;
    const session = await signInAs(h, counsellor.username);
    const response = await resetPassword(counsellor.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ user: { id: string } }>().user.id).toBe(counsellor.id);

    const asHer = await getSession(h, session.token);
    expect(asHer.statusCode).toBe(401);
    await expect(signInAs(h, counsellor.username)).rejects.toThrow(/401/);
    await expect(
      signInAs(h, counsellor.username, { password: NEW_PASSWORD }),
    ).resolves.toMatchObject({ token: expect.any(String) as string });
    const audit = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.reset_password')
      .where('resource_id', '=', counsellor.id)
      .execute();
    expect(audit.map((row) => [row.outcome, row.user_id, row.centre_id])).toEqual([
      ['success', fixture.users.manager.id, fixture.own.id],
    ]);
    expect(audit[0]?.details).not.toContain(NEW_PASSWORD);
  });

  it('refuses a weak new password with a message in both languages, changing nothing', async () => {
    const before = await countRows(h);
    const response = await resetPassword(fixture.users.operator.id, managerToken, '1234567890');
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json<{ error: { code: string; message: { hi: string; en: string } } }>();
    expect(body.error.code).toBe('weak_password');
    expect(body.error.message.hi).toMatch(/पासवर्ड/);
    expect(body.error.message.en).toMatch(/password/i);
    expect(await countRows(h)).toEqual(before);
    await expect(signInAs(h, fixture.users.operator.username)).resolves.toBeDefined();
  });

  it('refuses a manager herself, another manager and another centre, changing nothing', async () => {
    for (const target of [
      fixture.users.manager,
      fixture.users.otherManager,
      fixture.users.otherCaseworker,
      fixture.users.state_admin,
    ]) {
      const before = await countRows(h);
      const hashBefore = await passwordHashOf(target.id);
      const response = await resetPassword(target.id);
      expect(response.statusCode, target.username).toBe(403);
      expect(await countRows(h)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
      expect(await passwordHashOf(target.id)).toBe(hashBefore);
    }
    const nurse = await signInAs(h, fixture.users.nurse.username);
    expect((await resetPassword(fixture.users.operator.id, nurse.token)).statusCode).toBe(403);
    expect((await resetPassword('no-such-user')).statusCode).toBe(404);
  });

  it("lets state_admin reset another centre's manager's password", async () => {
    const admin = await signInAs(h, fixture.users.state_admin.username);
    const target = await createStaff(h, 'manager', fixture.other);
    const response = await resetPassword(target.id, admin.token);
    expect(response.statusCode, response.body).toBe(200);
    await expect(signInAs(h, target.username, { password: NEW_PASSWORD })).resolves.toBeDefined();
  });
}
