/**
 * The audit log: who (user, device, address) did what (action, resource) to which
 * centre's data, when, and whether it was allowed.
 *
 * What must hold: rows are only ever inserted (there is no update or delete here, and
 * triggers refuse them); `details` never holds survivor data, passwords or tokens. Write
 * the row in the same transaction as the change it records, so neither exists alone.
 */
import type { Kysely } from 'kysely';
import type { AuditOutcome, AuditRow, Database } from '../db/schema.ts';
import type { ServiceContext } from './context.ts';
import type { Actor } from './permissions.ts';

export const auditActions = [
  'auth.sign_in',
  'auth.sign_out',
  'device.revoke',
  // A tablet moved to another centre's (or headquarters') scope, its data key renewed.
  'device.centre_switched',
  'centre.set_lock',
  'user.create',
  'user.reset_password',
  // The account can no longer sign in or push; its sessions end.
  'user.disable',
  'centre.create',
  // A restore's new change-log id: every tablet pulls again from the start.
  'sync.renew_log_id',
  // Case data: every push and pull is recorded with these.
  'case.read',
  'case.write',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  userId?: string | null;
  deviceId?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  centreId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(
  db: Kysely<Database>,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await db.insertInto('audit_log').values(auditRowOf(at, entry)).execute();
}

/** The row `recordAudit` inserts, for writers that insert several at once. */
export function auditRowOf(at: Date, entry: AuditEntry) {
  return {
    at: at.toISOString(),
    user_id: entry.userId ?? null,
    device_id: entry.deviceId ?? null,
    action: entry.action,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    centre_id: entry.centreId ?? null,
    ip: entry.ip ?? null,
    outcome: entry.outcome,
    details: JSON.stringify(entry.details ?? {}),
  };
}

/** Who made a request, from the session and the connection, never from its body. */
export interface Requester {
  actor: Actor;
  ip: string;
}

/** Writes an audit row for a request; `db` is the transaction of the change it records. */
export async function recordRequestAudit(
  ctx: ServiceContext,
  requester: { actor: Actor | null; ip: string },
  entry: Omit<AuditEntry, 'userId' | 'deviceId' | 'ip'>,
  db: Kysely<Database> = ctx.db,
): Promise<void> {
  await recordAudit(db, ctx.now(), {
    ...entry,
    userId: requester.actor?.userId ?? null,
    deviceId: requester.actor?.deviceId ?? null,
    ip: requester.ip,
  });
}

/** `centreId` null: events about no centre (headquarters); undefined: every event. */
export interface AuditQuery {
  centreId?: string | null;
  /** Only rows with a smaller id: the `nextBefore` of the previous page. */
  before?: number;
  /** Only what this account did. */
  userId?: string;
  action?: AuditAction;
  /** Only rows at or after this instant (ISO). */
  from?: string;
  /** Only rows before this instant (ISO). */
  to?: string;
  limit: number;
}

export interface AuditPage {
  entries: AuditRow[];
  /** Pass as `before` for the next (older) page; null when this was the last. */
  nextBefore: number | null;
}

export async function listAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  let select = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.centreId === null) select = select.where('centre_id', 'is', null);
  else if (query.centreId !== undefined) select = select.where('centre_id', '=', query.centreId);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  // Instants are stored as ISO text in UTC, which orders as time does on both engines.
  if (query.from !== undefined) select = select.where('at', '>=', query.from);
  if (query.to !== undefined) select = select.where('at', '<', query.to);
  const rows = await select.execute();
  const entries = rows.slice(0, query.limit);
  const hasMore = rows.length > query.limit;
  return { entries, nextBefore: hasMore ? (entries.at(-1)?.id ?? null) : null };
}
