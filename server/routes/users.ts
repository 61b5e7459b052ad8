/**
 * GET /api/users: staff accounts (manager: her centre; state_admin: any).
 * POST /api/users: a new account (manager: non-manager staff of her centre;
 * state_admin: any role, any centre). Passwords are handed over in person.
 * POST /api/users/:id/disable: the account can no longer sign in; its sessions end
 * (the same people who may create it; never oneself).
 * POST /api/users/:id/reset-password: a new password, handed over in person; every session
 * of the account ends (the same people who may disable it; never oneself).
 */
import type { FastifyPluginAsync } from 'fastify';
import { roles, type Role } from '../../src/domain/vocabularies-staff.ts';
import { withErrorResponses } from '../http/api-errors.ts';
import { centreIdQuerySchema, getActor, requesterOf } from '../http/auth.ts';
import { arraySchema, objectSchema } from '../http/json-schema.ts';
import type { ServiceContext } from '../services/context.ts';
import {
  createUserFor,
  disableUserFor,
  listUsersFor,
  resetUserPasswordFor,
} from '../services/management.ts';
import { listedStaffAccountJsonSchema, staffAccountJsonSchema } from './response-schemas.ts';

interface RouteOptions {
  ctx: ServiceContext;
}

interface CreateUserBody {
  username: string;
  displayName: string;
  role: Role;
  centreId: string | null;
  password: string;
}

const userIdParamsSchema = objectSchema({
  id: { type: 'string', pattern: '^[0-9A-Za-z_-]{1,64}$' },
});
// Past its length, strength is judged by the password policy, which says what to change
// in both languages (422 weak_password).
const passwordJsonSchema = { type: 'string', minLength: 10, maxLength: 256 } as const;

const listSchema = {
  summary: 'Staff accounts of a centre (or, for state_admin, anywhere)',
  querystring: objectSchema({ centreId: centreIdQuerySchema }, ['centreId']),
  response: withErrorResponses({
    200: objectSchema({ users: arraySchema(listedStaffAccountJsonSchema) }),
  }),
} as const;

const createSchema = {
  summary: 'Create a staff account',
  body: objectSchema({
    username: { type: 'string', pattern: '^[a-z0-9._-]{3,32}$' },
    displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    role: { type: 'string', enum: roles.map((role) => role.code) },
    centreId: { anyOf: [{ type: 'string', maxLength: 64 }, { type: 'null' }] },
    password: passwordJsonSchema,
  }),
  response: withErrorResponses({ 201: objectSchema({ user: staffAccountJsonSchema }) }),
} as const;

const disableSchema = {
  summary: 'Disable a staff account: it can no longer sign in, and its sessions end',
  params: userIdParamsSchema,
  response: withErrorResponses({ 200: objectSchema({ user: staffAccountJsonSchema }) }),
} as const;

const resetPasswordSchema = {
  summary: 'Set a new password for a staff account; every session of it ends',
  params: userIdParamsSchema,
  body: objectSchema({ password: passwordJsonSchema }),
  response: withErrorResponses({ 200: objectSchema({ user: staffAccountJsonSchema }) }),
} as const;

export const userRoutes: FastifyPluginAsync<RouteOptions> = (app, { ctx }) => {
  app.get('/users', { schema: listSchema }, (request) => {
    const { centreId } = request.query as { centreId?: string };
    return listUsersFor(ctx, getActor(request), centreId);
  });

  app.post('/users', { schema: createSchema }, async (request, reply) => {
    const created = await createUserFor(ctx, requesterOf(request), request.body as CreateUserBody);
    return reply.code(201).send(created);
  });

  app.post('/users/:id/disable', { schema: disableSchema }, (request) => {
    const { id } = request.params as { id: string };
    return disableUserFor(ctx, requesterOf(request), id);
  });

  app.post('/users/:id/reset-password', { schema: resetPasswordSchema }, (request) => {
    const { id } = request.params as { id: string };
    const { password } = request.body as { password: string };
    return resetUserPasswordFor(ctx, requesterOf(request), id, password);
  });
  return Promise.resolve();
};
