/**
 * What the management routes ask for (docs/api.md "Management routes"): centres, staff
 * accounts, tablets and the audit log, each scoped by the caller's role and answered in
 * the API's shapes (./api-views.ts).
 *
 * What must hold: every listing is narrowed by ./permissions.ts before it reads a row,
 * and every change is written with its audit row in one transaction; a refused change
 * is audited as denied.
 */
import type { NewUserInput } from './accounts.ts';
import {
  createUser,
  disableUser,
  findUserById,
  listCentres,
  listUsers,
  readLastSignIns,
  resetPassword,
} from './accounts.ts';
import {
  auditEntryView,
  centreDetailView,
  deviceListingView,
  staffAccountView,
} from './api-views.ts';
import { listAudit, recordRequestAudit, type AuditQuery, type Requester } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { findDevice, listDevices, revokeDevice } from './devices.ts';
import {
  canCreateUser,
  canListDevices,
  canListUsers,
  canManageUser,
  canReadAudit,
  canRevokeDevice,
  canViewCentre,
  centresScope,
  managementScope,
  type Actor,
} from './permissions.ts';
import { resolveListFilter } from './row-filter.ts';
import { ServiceError } from './service-error.ts';

/** `requestedCentreId`: a centre id, `headquarters`, or undefined for the caller's whole scope. */
export async function listCentresFor(
  ctx: ServiceContext,
  actor: Actor,
  requestedCentreId: string | undefined,
) {
  const filter = resolveListFilter(
    centresScope(actor),
    requestedCentreId,
    (id) => id !== null && canViewCentre(actor, id),
  );
  const centres = await listCentres(ctx.db, filter);
  return { centres: centres.map(centreDetailView) };
}

export async function listUsersFor(
  ctx: ServiceContext,
  actor: Actor,
  requestedCentreId: string | undefined,
) {
  const filter = resolveListFilter(managementScope(actor), requestedCentreId, (id) =>
    canListUsers(actor, id),
  );
  const users = await listUsers(ctx.db, filter);
  const lastSignIns = await readLastSignIns(
    ctx.db,
    users.map((user) => user.id),
  );
  return {
    users: users.map((user) => ({
      ...staffAccountView(user),
      lastSignInAt: lastSignIns.get(user.id) ?? null,
    })),
  };
}

export async function createUserFor(
  ctx: ServiceContext,
  requester: Requester,
  input: NewUserInput,
) {
  const { actor } = requester;
  const event = { action: 'user.create', resourceType: 'user', centreId: input.centreId } as const;
  if (!canCreateUser(actor, input)) {
    await recordRequestAudit(ctx, requester, {
      ...event,
      outcome: 'denied',
      details: { username: input.username, role: input.role },
    });
    throw new ServiceError('forbidden');
  }
  const user = await createUser(ctx, input, (trx, created) =>
    recordRequestAudit(
      ctx,
      requester,
      {
        ...event,
        outcome: 'success',
        resourceId: created.id,
        details: { username: created.username, role: created.role },
      },
      trx,
    ),
  );
  return { user: staffAccountView(user) };
}

/**
 * A manager disables her centre's staff (not another manager), state_admin anyone but
 * herself. Disabling twice is allowed and audited; the account keeps its first time.
 */
export async function disableUserFor(ctx: ServiceContext, requester: Requester, userId: string) {
  const { user, event } = await findManagedUser(ctx, requester, userId, 'user.disable');
  await ctx.db.transaction().execute(async (trx) => {
    await disableUser(trx, user.id, ctx.now());
    await recordRequestAudit(
      ctx,
      requester,
      {
        ...event,
        outcome: 'success',
        details: { username: user.username, alreadyDisabled: user.disabled_at !== null },
      },
      trx,
    );
  });
  const disabled = await findUserById(ctx.db, user.id);
  if (!disabled) throw new Error(`user ${user.id} vanished after being disabled`);
  return { user: staffAccountView(disabled) };
}

/**
 * A new password set for someone else (her own goes through the admin CLI or another
 * admin): the same people who may disable the account. Every session of it ends, so a
 * leaked password stops working on every tablet at once. Refused weak passwords write nothing.
 */
export async function resetUserPasswordFor(
  ctx: ServiceContext,
  requester: Requester,
  userId: string,
  password: string,
) {
  const { user, event } = await findManagedUser(ctx, requester, userId, 'user.reset_password');
  await resetPassword(ctx, user, password, (trx) =>
    recordRequestAudit(
      ctx,
      requester,
      { ...event, outcome: 'success', details: { username: user.username } },
      trx,
    ),
  );
  return { user: staffAccountView(user) };
}

/**
 * The account a manager or the state admin acts on, if she may: a manager her centre's
 * staff (not another manager), the state admin anyone; nobody herself. A refusal is
 * audited as denied before it is thrown.
 */
async function findManagedUser(
  ctx: ServiceContext,
  requester: Requester,
  userId: string,
  action: 'user.disable' | 'user.reset_password',
) {
  const { actor } = requester;
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new ServiceError('not_found');
  const event = {
    action,
    resourceType: 'user',
    resourceId: user.id,
    centreId: user.centre_id,
  } as const;
  const isSelf = user.id === actor.userId;
  if (isSelf || !canManageUser(actor, { role: user.role, centreId: user.centre_id })) {
    await recordRequestAudit(ctx, requester, {
      ...event,
      outcome: 'denied',
      details: { username: user.username, self: isSelf },
    });
    throw new ServiceError('forbidden');
  }
  return { user, event };
}

export async function listDevicesFor(
  ctx: ServiceContext,
  actor: Actor,
  requestedCentreId: string | undefined,
) {
  const filter = resolveListFilter(managementScope(actor), requestedCentreId, (id) =>
    canListDevices(actor, id),
  );
  const devices = await listDevices(ctx.db, filter);
  return { devices: devices.map(deviceListingView) };
}

/** Revoking twice is allowed and audited; the tablet keeps its first revocation time. */
export async function revokeDeviceFor(ctx: ServiceContext, requester: Requester, deviceId: string) {
  const { actor } = requester;
  const device = await findDevice(ctx.db, deviceId);
  if (!device) throw new ServiceError('not_found');
  const event = {
    action: 'device.revoke',
    resourceType: 'device',
    resourceId: device.id,
    centreId: device.centre_id,
  } as const;
  if (!canRevokeDevice(actor, device.centre_id)) {
    await recordRequestAudit(ctx, requester, { ...event, outcome: 'denied' });
    throw new ServiceError('forbidden');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const wasRevoked = device.revoked_at !== null;
    await revokeDevice(trx, { deviceId: device.id, now: ctx.now(), revokedBy: actor.userId });
    await recordRequestAudit(
      ctx,
      requester,
      { ...event, outcome: 'success', details: { tag: device.tag, alreadyRevoked: wasRevoked } },
      trx,
    );
  });
  const [revoked] = await listDevices(ctx.db, { kind: 'device', deviceId: device.id });
  if (!revoked) throw new Error(`device ${device.id} vanished after revocation`);
  return { device: deviceListingView(revoked) };
}

/** Newest first; `before` is the previous page's `nextBefore`; the filters narrow within her scope. */
export async function listAuditFor(
  ctx: ServiceContext,
  actor: Actor,
  query: Omit<AuditQuery, 'centreId'> & { requestedCentreId: string | undefined },
) {
  const filter = resolveListFilter(managementScope(actor), query.requestedCentreId, (id) =>
    canReadAudit(actor, id),
  );
  const { requestedCentreId: _requested, ...rest } = query;
  const page = await listAudit(ctx.db, {
    ...rest,
    centreId: filter.kind === 'centre' ? filter.centreId : undefined,
  });
  return { entries: page.entries.map(auditEntryView), nextBefore: page.nextBefore };
}
