/**
 * GET /api/devices: tablets of a centre (manager: her own; state_admin: any).
 * POST /api/devices/:id/revoke: ends the tablet's access for good; it wipes itself on
 * its next request (manager: her centre's tablets; state_admin: any).
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { audit, centreIdQuerySchema, getActor, resolveListFilter } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { ServiceError } from '../services/service-error.ts';
import { findDevice, listDevices, revokeDevice } from '../services/devices.ts';
import { canListDevices, canRevokeDevice, managementScope } from '../services/permissions.ts';
import { deviceListingJsonSchema, deviceListingView } from './views.ts';

interface RouteOptions {
  ctx: ServiceContext;
}

const listSchema = {
  summary: 'Tablets registered in a centre (or, for state_admin, anywhere)',
  querystring: objectSchema({ centreId: centreIdQuerySchema }, ['centreId']),
  response: withErrorResponses({
    200: objectSchema({ devices: arraySchema(deviceListingJsonSchema) }),
  }),
} as const;

const revokeSchema = {
  summary: 'Revoke a tablet: its sessions end and it is told to wipe itself',
  params: objectSchema({ id: { type: 'string', pattern: '^[0-9A-Za-z_-]{1,64}$' } }),
  response: withErrorResponses({ 200: objectSchema({ device: deviceListingJsonSchema }) }),
} as const;

export const deviceRoutes: FastifyPluginAsync<RouteOptions> = (app, { ctx }) => {
  app.get('/devices', { schema: listSchema }, async (request) => {
    const actor = getActor(request);
    const { centreId } = request.query as { centreId?: string };
    const filter = resolveListFilter(managementScope(actor), centreId, (id) =>
      canListDevices(actor, id),
    );
    const devices = await listDevices(ctx.db, filter);
    return { devices: devices.map(deviceListingView) };
  });

  app.post('/devices/:id/revoke', { schema: revokeSchema }, async (request) => {
    const actor = getActor(request);
    const { id } = request.params as { id: string };
    const device = await findDevice(ctx.db, id);
    if (!device) throw new ServiceError('not_found');
    const event = {
      action: 'device.revoke',
      resourceType: 'device',
      resourceId: device.id,
      centreId: device.centre_id,
    } as const;
    if (!canRevokeDevice(actor, device.centre_id)) {
      await audit(ctx, request, { ...event, outcome: 'denied' });
      throw new ServiceError('forbidden');
    }
    await ctx.db.transaction().execute(async (trx) => {
      const wasRevoked = device.revoked_at !== null;
      await revokeDevice(trx, { deviceId: device.id, now: ctx.now(), revokedBy: actor.userId });
      await audit(
        ctx,
        request,
        { ...event, outcome: 'success', details: { tag: device.tag, alreadyRevoked: wasRevoked } },
        trx,
      );
    });
    const [revoked] = await listDevices(ctx.db, { kind: 'device', deviceId: device.id });
    if (!revoked) throw new Error(`device ${device.id} vanished after revocation`);
    return { device: deviceListingView(revoked) };
  });
  return Promise.resolve();
};
