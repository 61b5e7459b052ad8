/**
 * Sign-in (public), who-am-I and sign-out (behind the session). The contract is
 * src/domain/auth-protocol.ts; docs/api.md describes it for the sign-in screen.
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { audit, getActor } from '../http/auth.ts';
import { instantSchema, objectSchema, stringSchema } from '../http/json-schema.ts';
import { findCentre } from '../services/accounts.ts';
import type { ServiceContext } from '../services/context.ts';
import { findDevice } from '../services/devices.ts';
import { revokeSession } from '../services/sessions.ts';
import { signIn } from '../services/sign-in.ts';
import {
  centreJsonSchema,
  centreView,
  deviceJsonSchema,
  deviceView,
  userJsonSchema,
  userView,
} from './views.ts';

interface RouteOptions {
  ctx: ServiceContext;
}

interface SignInBody {
  username: string;
  password: string;
  deviceId: string;
  deviceName?: string;
}

const sessionProperties = {
  user: userJsonSchema,
  centre: { anyOf: [centreJsonSchema, { type: 'null' }] },
  device: deviceJsonSchema,
  expiresAt: instantSchema,
  absoluteExpiresAt: instantSchema,
  serverTime: instantSchema,
};

const signInSchema = {
  summary: 'Sign in on a tablet: registers the device, returns a session token',
  body: objectSchema(
    {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: 256 },
      deviceId: { type: 'string', pattern: '^[0-9A-Za-z_-]{1,64}$' },
      deviceName: { type: 'string', minLength: 1, maxLength: 100 },
    },
    ['deviceName'],
  ),
  response: withErrorResponses({
    200: objectSchema({ token: stringSchema, ...sessionProperties }),
  }),
} as const;

// A sign-in is a few hundred bytes; anything near the API's 1 MB limit is abuse.
const SIGN_IN_BODY_LIMIT = 4096;

export const signInRoutes: FastifyPluginAsync<RouteOptions> = (app, { ctx }) => {
  app.post(
    '/auth/sign-in',
    { schema: signInSchema, bodyLimit: SIGN_IN_BODY_LIMIT },
    async (request) => {
      const body = request.body as SignInBody;
      const { session, user, centre, device } = await signIn(ctx, {
        username: body.username,
        password: body.password,
        deviceId: body.deviceId,
        deviceName: body.deviceName ?? null,
        ip: request.ip,
      });
      return {
        token: session.token,
        user: userView(user),
        centre: centre ? centreView(centre) : null,
        device: deviceView(device),
        expiresAt: session.expiresAt,
        absoluteExpiresAt: session.absoluteExpiresAt,
        serverTime: ctx.now().toISOString(),
      };
    },
  );
  return Promise.resolve();
};

const sessionSchema = {
  summary: 'Who is signed in on this tablet, and until when',
  response: withErrorResponses({ 200: objectSchema(sessionProperties) }),
} as const;

const signOutSchema = {
  summary: 'Ends this tablet’s session',
  response: withErrorResponses({
    200: objectSchema({ signedOut: { type: 'boolean', const: true }, serverTime: instantSchema }),
  }),
} as const;

export const sessionRoutes: FastifyPluginAsync<RouteOptions> = (app, { ctx }) => {
  app.get('/auth/session', { schema: sessionSchema }, async (request) => {
    const actor = getActor(request);
    const centre = actor.centreId ? await findCentre(ctx.db, actor.centreId) : undefined;
    const device = await findDevice(ctx.db, actor.deviceId);
    if (!device) throw new Error(`session ${actor.sessionId} has no device row`);
    return {
      user: userView({
        id: actor.userId,
        username: actor.username,
        role: actor.role,
        centre_id: actor.centreId,
        display_name: actor.displayName,
      }),
      centre: centre ? centreView(centre) : null,
      device: deviceView(device),
      expiresAt: request.sessionExpiry?.expiresAt,
      absoluteExpiresAt: request.sessionExpiry?.absoluteExpiresAt,
      serverTime: ctx.now().toISOString(),
    };
  });

  app.post('/auth/sign-out', { schema: signOutSchema }, async (request) => {
    const actor = getActor(request);
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await revokeSession(trx, actor.sessionId, now, 'sign_out');
      await audit(
        ctx,
        request,
        {
          action: 'auth.sign_out',
          outcome: 'success',
          centreId: actor.centreId,
          resourceType: 'session',
          resourceId: actor.sessionId,
        },
        trx,
      );
    });
    return { signedOut: true, serverTime: now.toISOString() };
  });
  return Promise.resolve();
};
