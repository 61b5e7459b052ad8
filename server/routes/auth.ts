/**
 * Sign-in (public), who-am-I and sign-out (behind the session). The contract is
 * src/domain/auth-protocol.ts; docs/api.md describes it for the sign-in screen.
 */
import type { FastifyPluginAsync } from 'fastify';
import { withErrorResponses } from '../http/api-errors.ts';
import { getActor, requesterOf } from '../http/auth.ts';
import { instantSchema, objectSchema, stringSchema } from '../http/json-schema.ts';
import type { DevicePublicKey } from '../../src/domain/auth-protocol.ts';
import type { ServiceContext } from '../services/context.ts';
import { describeSession, signInTablet, signOut } from '../services/tablet-sessions.ts';
import {
  centreDetailsJsonSchema,
  centreJsonSchema,
  deviceJsonSchema,
  userJsonSchema,
} from './response-schemas.ts';

interface RouteOptions {
  ctx: ServiceContext;
}

interface SignInBody {
  username: string;
  password: string;
  deviceId: string;
  deviceName?: string;
  devicePublicKey: DevicePublicKey;
  deviceSignature: string;
  switchCentre?: true;
  withCentreDetails?: true;
}

const BASE64URL_32 = '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$';
const base64Url32Schema = { type: 'string', pattern: BASE64URL_32 } as const;
const lockSchema = objectSchema({ idleMinutes: { type: 'integer', minimum: 1, maximum: 60 } });

const sessionProperties = {
  user: userJsonSchema,
  centre: { anyOf: [centreJsonSchema, { type: 'null' }] },
  device: deviceJsonSchema,
  expiresAt: instantSchema,
  absoluteExpiresAt: instantSchema,
  serverTime: instantSchema,
  lock: lockSchema,
};

const signInSchema = {
  summary: 'Sign in on a tablet: registers the device, returns a session token',
  body: objectSchema(
    {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: 256 },
      deviceId: { type: 'string', pattern: '^[0-9A-Za-z_-]{1,64}$' },
      deviceName: { type: 'string', minLength: 1, maxLength: 100 },
      devicePublicKey: objectSchema({
        kty: { type: 'string', const: 'EC' },
        crv: { type: 'string', const: 'P-256' },
        x: base64Url32Schema,
        y: base64Url32Schema,
      }),
      deviceSignature: { type: 'string', pattern: '^[A-Za-z0-9_-]{85}[AQgw]$' },
      switchCentre: { type: 'boolean', const: true },
      withCentreDetails: { type: 'boolean', const: true },
    },
    ['deviceName', 'switchCentre', 'withCentreDetails'],
  ),
  response: withErrorResponses({
    200: objectSchema(
      {
        token: stringSchema,
        ...sessionProperties,
        dataKey: stringSchema,
        sealingKey: stringSchema,
        centreDetails: { anyOf: [centreDetailsJsonSchema, { type: 'null' }] },
      },
      ['centreDetails'],
    ),
  }),
} as const;

// A sign-in is a few hundred bytes; anything near the API's 1 MB limit is abuse.
const SIGN_IN_BODY_LIMIT = 4096;

export const signInRoutes: FastifyPluginAsync<RouteOptions> = (app, { ctx }) => {
  app.post('/auth/sign-in', { schema: signInSchema, bodyLimit: SIGN_IN_BODY_LIMIT }, (request) => {
    const body = request.body as SignInBody;
    return signInTablet(ctx, {
      username: body.username,
      password: body.password,
      deviceId: body.deviceId,
      deviceName: body.deviceName ?? null,
      devicePublicKey: body.devicePublicKey,
      deviceSignature: body.deviceSignature,
      switchCentre: body.switchCentre === true,
      withCentreDetails: body.withCentreDetails === true,
      ip: request.ip,
    });
  });
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
  app.get('/auth/session', { schema: sessionSchema }, (request) =>
    describeSession(ctx, getActor(request), request.sessionExpiry),
  );

  app.post('/auth/sign-out', { schema: signOutSchema }, (request) =>
    signOut(ctx, requesterOf(request)),
  );
  return Promise.resolve();
};
