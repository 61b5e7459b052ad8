/**
 * Disabling a staff account: who may, what it ends (sign-in, every session) and what it
 * leaves (nothing else changes; the audit log says who did it). Run on both engines
 * (server/api.test.ts, server/api.pg.test.ts).
 */
import { beforeAll, expect, it } from 'vitest';
import {
  countRows,
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

  it("lets a manager disable her centre's caseworker: no sign-in, every session ended", async () => {
    const caseworker = fixture.users.caseworker;
    const session = await signInAs(h, caseworker.username);
    const response = await disable(caseworker.id);
    expect(response.statusCode, response.body).toBe(200);
    const { user } = response.json<{ user: { id: string; disabledAt: string | null } }>();
    expect(user.id).toBe(caseworker.id);
    expect(user.disabledAt).not.toBeNull();

    const asHer = await inject(h, {
      method: 'GET',
      url: '/api/auth/session',
      token: session.token,
    });
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
}
