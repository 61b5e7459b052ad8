/**
 * GET /api/devices: tablets of a centre (manager: her own; state_admin: any).
 * POST /api/devices/:id/revoke: ends the tablet's access for good; it wipes itself on
 * its next request (manager: her centre's tablets; state_admin: any).
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor, requesterOf } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import { listDevicesFor, revokeDeviceFor } from '../services/management.ts';
import { deviceListingJsonSchema } from './response-schemas.ts';

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
  app.get('/devices', { schema: listSchema }, (request) => {
    const { centreId } = request.query as { centreId?: string };
    return listDevicesFor(ctx, getActor(request), centreId);
  });

  app.post('/devices/:id/revoke', { schema: revokeSchema }, (request) => {
    const { id } = request.params as { id: string };
    return revokeDeviceFor(ctx, requesterOf(request), id);
  });
  return Promise.resolve();
};
