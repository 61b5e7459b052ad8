/**
 * POST /sync/sealed-push (docs/sync-protocol.md, "Sealed push (locked tablet)"): the
 * locked tablet's write-only push, proved by its device key's signature instead of a
 * session. Registered outside the session check, in its own plugin, because it reads the
 * body's bytes (for the signature) that no other route keeps.
 *
 * What must always hold:
 * - The signature is checked (sealed-push.ts `verifyDeviceSignature`) before the body's
 *   fields are parsed or anything is written; only then does the socket count as signed
 *   in for the per-address limit (server/http/connection-limits.ts).
 * - Every answer, errors included, carries `serverTime`, as sync's routes do.
 * - The body limit is the session push's: a sealed batch is fitted to the same size.
 * - A revoked tablet's answer carries DEVICE_REVOKED_HEADER: it wipes after this push.
 */
import type { FastifyInstance } from 'fastify';
import {
  DEVICE_REVOKED_HEADER,
  DEVICE_SIGNATURE_HEADER,
  sealedPushRequestSchema,
} from '../../src/domain/sealed-push-protocol.ts';
import { markSocketAuthenticated } from '../http/connection-limits.ts';
import { handleErrorWithServerTime } from '../http/error-handler.ts';
import { rawBodyOf, registerJsonBodies } from '../http/json-body.ts';
import type { ServiceContext } from '../services/context.ts';
import { pushSealedMutations, verifyDeviceSignature } from '../services/sealed-push.ts';
import { PUSH_BODY_LIMIT_BYTES, parseSyncBody } from './sync.ts';

export function sealedPushRoutes(
  app: FastifyInstance,
  { ctx }: { ctx: ServiceContext },
): Promise<void> {
  registerJsonBodies(app, { keepRawBody: true });
  app.setErrorHandler(handleErrorWithServerTime(ctx.now));

  app.post('/sync/sealed-push', { bodyLimit: PUSH_BODY_LIMIT_BYTES }, async (request, reply) => {
    const header = request.headers[DEVICE_SIGNATURE_HEADER.toLowerCase()];
    const device = await verifyDeviceSignature(ctx, {
      bytes: rawBodyOf(request),
      json: request.body,
      signature: typeof header === 'string' ? header : undefined,
    });
    markSocketAuthenticated(request.raw.socket);
    const body = parseSyncBody(sealedPushRequestSchema, request.body);
    const answer = await pushSealedMutations(ctx, device, body, request.ip);
    if (device.isRevoked) void reply.header(DEVICE_REVOKED_HEADER, '1');
    return answer;
  });
  return Promise.resolve();
}
