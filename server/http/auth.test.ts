// @vitest-environment node
// What case sync builds on: a route behind registerProtectedApi gets the
// actor from the session alone, and `audit` records who read case data, from which
// tablet and address.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedFixture,
  signInAs,
  sqliteHarness,
  type ApiHarness,
  type Fixture,
} from '../../tests/support/api-harness.ts';
import { canReadIdentifiedCase } from '../services/permissions.ts';
import { ServiceError } from '../services/service-error.ts';
import { audit, decorateRequests, getActor, registerProtectedApi } from './auth.ts';
import { handleError } from './error-handler.ts';

describe('registerProtectedApi and audit', () => {
  let harness: ApiHarness;
  let fixture: Fixture;
  const app = Fastify({ logger: false });

  beforeAll(async () => {
    harness = await sqliteHarness();
    fixture = await seedFixture(harness);
    app.setErrorHandler(handleError);
    decorateRequests(app);
    await registerProtectedApi(app, harness.ctx, async (api) => {
      api.post('/cases/read', async (request) => {
        const actor = getActor(request);
        const { centreId, caseId } = request.body as { centreId: string; caseId: string };
        const event = {
          action: 'case.read',
          resourceType: 'case',
          resourceId: caseId,
          centreId,
        } as const;
        if (!canReadIdentifiedCase(actor, centreId)) {
          await audit(harness.ctx, request, { ...event, outcome: 'denied' });
          throw new ServiceError('forbidden');
        }
        await audit(harness.ctx, request, { ...event, outcome: 'success' });
        return { readBy: actor.userId };
      });
      return Promise.resolve();
    });
  });

  afterAll(async () => {
    await app.close();
    await harness.close();
  });

  it('takes the actor from the session and audits the read, allowed or denied', async () => {
    const tablet = await signInAs(harness, fixture.users.counsellor.username);
    const read = (centreId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/cases/read',
        remoteAddress: '203.0.113.5',
        headers: { authorization: `Bearer ${tablet.token}` },
        // A body claiming another user changes nothing: only the session says who.
        payload: { centreId, caseId: 'case-1', userId: fixture.users.state_admin.id },
      });
    expect((await read(fixture.own.id)).json()).toEqual({ readBy: fixture.users.counsellor.id });
    expect((await read(fixture.other.id)).statusCode).toBe(403);
    const rows = await harness.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.read')
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.outcome, row.centre_id])).toEqual([
      ['success', fixture.own.id],
      ['denied', fixture.other.id],
    ]);
    expect(rows[0]).toMatchObject({
      user_id: fixture.users.counsellor.id,
      device_id: tablet.deviceId,
      ip: '203.0.113.5',
      resource_id: 'case-1',
    });
  });

  it('refuses a request without a session before reading its body', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/cases/read', payload: '{' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'not_signed_in' } });
  });
});
