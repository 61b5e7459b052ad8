/**
 * Sync through the whole API, behind real sessions: the route takes who is asking from
 * the bearer token only, and each centre's staff see only their centre's records.
 * Written once, run on SQLite (server/sync-api.test.ts) and PostgreSQL (…pg.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/domain/protocol.ts';
import {
  inject,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
  type HarnessFactory,
} from './api-harness.ts';
import type { SyncTables } from '../../server/db/sync-schema.ts';
import { newCaseMutation, stampAt } from './sync-fixture.ts';
import { actorHeaders, buildSyncTestApp } from './sync-server.ts';
import type { Mutation } from '../../src/domain/protocol.ts';
import {
  decodePullResponse,
  encodePushRequest,
  wirePullResponseSchema,
} from '../../src/domain/wire.ts';

export function describeSyncApi(openHarness: HarnessFactory): void {
  describe('sync behind sessions', () => {
    let harness: ApiHarness;
    let fixture: Fixture;

    beforeAll(async () => {
      harness = await openHarness();
      fixture = await seedFixture(harness, 'sync');
    });
    afterAll(async () => harness?.close());

    async function push(
      username: string,
      build: (actor: { userId: string; deviceId: string; centreId: string | null }) => Mutation[],
    ) {
      const tablet = await signInAs(harness, username);
      const user = Object.values(fixture.users).find(
        (candidate) => candidate.username === username,
      )!;
      const actor = { userId: user.id, deviceId: tablet.deviceId, centreId: user.centre_id };
      const response = await inject(harness, {
        method: 'POST',
        url: '/api/sync/push',
        token: tablet.token,
        payload: encodePushRequest({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: tablet.deviceId,
          mutations: build(actor),
        }),
      });
      return { response, tablet };
    }

    async function pull(token: string) {
      return inject(harness, {
        method: 'POST',
        url: '/api/sync/pull',
        token,
        payload: { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 100 },
      });
    }

    it('refuses push and pull without a session', async () => {
      const response = await inject(harness, {
        method: 'POST',
        url: '/api/sync/pull',
        payload: { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 },
      });
      expect(response.statusCode).toBe(401);
    });

    it("lets a centre's staff push a case and its colleagues pull it, but not another centre", async () => {
      const { response } = await push(fixture.users.caseworker.username, (actor) => [
        newCaseMutation({ ...actor, role: 'caseworker' }, stampAt(0, actor.deviceId), {
          survivorName: 'सुनीता देवी',
        }),
      ]);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ applied: 1, duplicates: [], rejected: [] });

      const colleague = await signInAs(harness, fixture.users.counsellor.username);
      const own = await pull(colleague.token);
      expect(own.statusCode).toBe(200);
      const names = decodePullResponse(wirePullResponseSchema.parse(own.json())).records.map(
        (record) => record.fields.survivorName?.value,
      );
      expect(names).toContain('सुनीता देवी');

      const otherCentre = await signInAs(harness, fixture.users.otherCaseworker.username);
      const other = await pull(otherCentre.token);
      expect(other.statusCode).toBe(200);
      expect(decodePullResponse(wirePullResponseSchema.parse(other.json())).records).toEqual([]);
    });

    it('refuses a whole push that lists one mutation id twice, writing nothing', async () => {
      const { response, tablet } = await push(fixture.users.caseworker.username, (actor) => {
        const first = newCaseMutation(
          { ...actor, role: 'caseworker' },
          stampAt(10, actor.deviceId),
          { survivorName: 'Twice One' },
        );
        const second = newCaseMutation(
          { ...actor, role: 'caseworker' },
          stampAt(11, actor.deviceId),
          { survivorName: 'Twice Two' },
        );
        return [first, { ...second, id: first.id }];
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'invalid_request' } });
      const page = decodePullResponse(
        wirePullResponseSchema.parse((await pull(tablet.token)).json()),
      );
      const names = page.records.map((record) => record.fields.survivorName?.value);
      expect(names).not.toContain('Twice One');
      expect(names).not.toContain('Twice Two');
    });

    it('never gives headquarters raw records', async () => {
      const analyst = await signInAs(harness, fixture.users.state_analyst.username);
      expect((await pull(analyst.token)).statusCode).toBe(403);
    });

    it('takes the device from the session, not from the body', async () => {
      const tablet = await signInAs(harness, fixture.users.nurse.username);
      const response = await inject(harness, {
        method: 'POST',
        url: '/api/sync/push',
        token: tablet.token,
        payload: encodePushRequest({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: 'someone-elses-tablet',
          mutations: [],
        }),
      });
      expect(response.statusCode).toBe(403);
    });

    it('commits a push only with its audit row: when the row cannot be written, nothing is', async () => {
      const app = await buildSyncTestApp(harness.db.withTables<SyncTables>(), {
        audit: () => Promise.reject(new Error('the audit log cannot be written')),
      });
      try {
        const user = fixture.users.caseworker;
        // A registered tablet, so the case number it gives is its own.
        const tablet = await signInAs(harness, user.username);
        const actor = {
          userId: user.id,
          deviceId: tablet.deviceId,
          centreId: user.centre_id,
          role: user.role,
        };
        const mutation = newCaseMutation(actor, stampAt(0, actor.deviceId));
        const response = await app.inject({
          method: 'POST',
          url: '/api/sync/push',
          headers: actorHeaders(actor),
          payload: encodePushRequest({
            protocolVersion: PROTOCOL_VERSION,
            deviceId: actor.deviceId,
            mutations: [mutation],
          }),
        });
        expect(response.statusCode).toBe(500);
        const stored = await harness.db
          .withTables<SyncTables>()
          .selectFrom('sync_mutations')
          .select('id')
          .where('id', '=', mutation.id)
          .execute();
        expect(stored).toEqual([]);
      } finally {
        await app.close();
      }
    });

    it('writes the audit log for case reads and writes', async () => {
      const rows = await harness.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('action', 'in', ['case.write', 'case.read'])
        .execute();
      expect(rows.map((row) => row.action)).toEqual(
        expect.arrayContaining(['case.write', 'case.read']),
      );
    });
  });
}
