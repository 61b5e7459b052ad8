/**
 * Sign-in, who-am-I and sign-out as the API answers them (src/domain/auth-protocol.ts):
 * the session services (./sign-in.ts, ./sessions.ts) put in the API's shapes.
 *
 * What must hold: a sign-out ends the session and writes its audit row in one
 * transaction, so neither exists alone.
 */
import { DEFAULT_LOCK_IDLE_MINUTES } from '../../src/domain/lock-settings.ts';
import type { Centre } from '../db/schema.ts';
import { centreView, deviceView, userView } from './api-views.ts';
import { readCentreDetails } from './centre-details.ts';
import { findCentre } from './accounts.ts';
import { recordRequestAudit, type Requester } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { findDevice } from './devices.ts';
import type { Actor } from './permissions.ts';
import { revokeSession } from './sessions.ts';
import { signIn, type SignInInput } from './sign-in.ts';

export async function signInTablet(ctx: ServiceContext, input: SignInInput) {
  const { session, user, centre, device, dataKey } = await signIn(ctx, input);
  // Only a tablet that asks gets it: older tablets read the answer strictly.
  const details = input.withCentreDetails
    ? { centreDetails: centre ? await readCentreDetails(ctx.db, centre) : null }
    : {};
  return {
    token: session.token,
    user: userView(user),
    centre: centre ? centreView(centre) : null,
    device: deviceView(device),
    expiresAt: session.expiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    serverTime: ctx.now().toISOString(),
    lock: lockView(centre ?? undefined),
    dataKey: dataKey.toString('base64url'),
    sealingKey: ctx.secrets.sealingPublicKey,
    ...details,
  };
}

/** Headquarters has no centre, and locks after the default. */
function lockView(centre: Pick<Centre, 'lock_idle_minutes'> | undefined) {
  return { idleMinutes: centre?.lock_idle_minutes ?? DEFAULT_LOCK_IDLE_MINUTES };
}

/** `expiry`: the session's limits as of this request, which slid forward with it. */
export async function describeSession(
  ctx: ServiceContext,
  actor: Actor,
  expiry: { expiresAt: string; absoluteExpiresAt: string } | null,
) {
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
    expiresAt: expiry?.expiresAt,
    absoluteExpiresAt: expiry?.absoluteExpiresAt,
    serverTime: ctx.now().toISOString(),
    lock: lockView(centre),
  };
}

export async function signOut(ctx: ServiceContext, requester: Requester) {
  const { actor } = requester;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await revokeSession(trx, actor.sessionId, now, 'sign_out');
    await recordRequestAudit(
      ctx,
      requester,
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
}
