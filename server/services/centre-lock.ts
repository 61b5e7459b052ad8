/**
 * A centre's lock setting: how many idle minutes before its tablets lock. Tablets read
 * it in every sign-in and session answer.
 *
 * What must hold: the value is 1–60 whoever writes it (the database cannot check it on
 * SQLite, see migration 0006), and a change is written with its audit row in one
 * transaction; a refused change is audited as denied.
 */
import { findCentre } from './accounts.ts';
import { recordRequestAudit, type Requester } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { canSetCentreLock } from './permissions.ts';
import { refuseInvalidRequest, ServiceError } from './service-error.ts';

export async function setCentreLockFor(
  ctx: ServiceContext,
  requester: Requester,
  centreId: string,
  idleMinutes: number,
) {
  if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 60) {
    throw refuseInvalidRequest('idleMinutes must be a whole number from 1 to 60');
  }
  const centre = await findCentre(ctx.db, centreId);
  if (!centre) throw new ServiceError('not_found');
  const event = {
    action: 'centre.set_lock',
    resourceType: 'centre',
    resourceId: centre.id,
    centreId: centre.id,
  } as const;
  if (!canSetCentreLock(requester.actor, centre.id)) {
    await recordRequestAudit(ctx, requester, { ...event, outcome: 'denied' });
    throw new ServiceError('forbidden');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('centres')
      .set({ lock_idle_minutes: idleMinutes })
      .where('id', '=', centre.id)
      .execute();
    await recordRequestAudit(
      ctx,
      requester,
      {
        ...event,
        outcome: 'success',
        details: { idleMinutes, previousIdleMinutes: centre.lock_idle_minutes },
      },
      trx,
    );
  });
  return { centreId: centre.id, lock: { idleMinutes } };
}
