/**
 * The centre's address, phone and staff list that a centre tablet asks for at sign-in
 * (`withCentreDetails`), written once and run on SQLite (server/api.test.ts) and
 * PostgreSQL (server/api.pg.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInResponseSchema } from '../../src/domain/auth-protocol.ts';
import { disableUser } from '../../server/services/accounts.ts';
import {
  START_TIME,
  TEST_PASSWORD,
  createStaff,
  seedFixture,
  type ApiHarness,
  type Fixture,
} from './api-harness.ts';
import { signedDeviceFields } from './device-keys.ts';

export function centreDetailsSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'details');
  });

  const signIn = async (username: string, withCentreDetails: boolean) => {
    const deviceId = randomUUID();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '198.51.100.40',
      payload: {
        username,
        password: TEST_PASSWORD,
        ...signedDeviceFields(username, deviceId),
        ...(withCentreDetails ? { withCentreDetails: true } : {}),
      },
    });
    expect(response.statusCode).toBe(200);
    return signInResponseSchema.parse(response.json());
  };

  describe('POST /api/auth/sign-in with withCentreDetails', () => {
    it("gives a centre tablet its centre's address, phone and active staff: id, name and role only", async () => {
      const leaver = await createStaff(h, 'nurse', fixture.own);
      await disableUser(h.db, leaver.id, START_TIME);
      await h.db
        .updateTable('centres')
        .set({ address: 'गोमती नगर, लखनऊ', phone: '0522 2300 181' })
        .where('id', '=', fixture.own.id)
        .execute();
      try {
        const answer = await signIn(fixture.users.caseworker.username, true);
        const details = answer.centreDetails;
        expect(details).toMatchObject({ address: 'गोमती नगर, लखनऊ', phone: '0522 2300 181' });
        const staff = details?.staff ?? [];
        for (const member of staff)
          expect(Object.keys(member).sort()).toEqual(['displayName', 'id', 'role']);
        const ids = staff.map((member) => member.id);
        expect(staff).toContainEqual({
          id: fixture.users.manager.id,
          displayName: fixture.users.manager.display_name,
          role: 'manager',
        });
        expect(ids).toContain(fixture.users.caseworker.id);
        expect(ids).not.toContain(leaver.id);
        expect(ids).not.toContain(fixture.users.otherManager.id);
        expect(ids).not.toContain(fixture.users.state_admin.id);
      } finally {
        await h.db
          .updateTable('centres')
          .set({ address: null, phone: null })
          .where('id', '=', fixture.own.id)
          .execute();
      }
    });

    it('gives a headquarters account no centre staff', async () => {
      const answer = await signIn(fixture.users.state_admin.username, true);
      expect(answer.centre).toBeNull();
      expect(answer.centreDetails).toBeNull();
    });

    it('leaves the answer as it was for a tablet that does not ask', async () => {
      const answer = await signIn(fixture.users.counsellor.username, false);
      expect('centreDetails' in answer).toBe(false);
    });
  });
}
