/**
 * Every authorization decision of the server, in one place, as pure functions of the
 * actor (who the session says is asking) and the centre the data belongs to.
 *
 * What must always hold:
 * - The actor comes only from the session, never from a request body or query.
 * - Centre staff reach only their own centre. Headquarters roles see every district,
 *   but only aggregates and de-identified records: never names, phones or narratives
 *   (`canReadIdentifiedCase` is false for them, everywhere).
 * - `centreId` null means "belongs to no centre" (headquarters staff, headquarters
 *   tablets, headquarters events): only state_admin reaches those.
 * permissions.test.ts holds the whole table; a change here changes a row there.
 */
import { headquartersRoles, type Role } from '../../src/domain/vocabularies-staff.ts';

export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /** Null exactly for headquarters roles. */
  centreId: string | null;
  displayName: string;
  sessionId: string;
  deviceId: string;
}

/** What part of the state a listing may cover for an actor. */
export type Scope = { kind: 'all' } | { kind: 'centre'; centreId: string } | { kind: 'none' };

export function isHeadquarters(actor: Pick<Actor, 'role'>): boolean {
  return (headquartersRoles as readonly Role[]).includes(actor.role);
}

function isStaffOf(actor: Pick<Actor, 'role' | 'centreId'>, centreId: string | null): boolean {
  return !isHeadquarters(actor) && centreId !== null && actor.centreId === centreId;
}

function isManagerOf(actor: Pick<Actor, 'role' | 'centreId'>, centreId: string | null): boolean {
  return actor.role === 'manager' && isStaffOf(actor, centreId);
}

function ownCentre(actor: Pick<Actor, 'centreId'>): Scope {
  return actor.centreId === null ? { kind: 'none' } : { kind: 'centre', centreId: actor.centreId };
}

export function isInScope(scope: Scope, centreId: string | null): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'centre' && scope.centreId === centreId;
}

type ActorLike = Pick<Actor, 'role' | 'centreId'>;

/** Survivor names, phones, addresses, narratives: her own centre's staff only. */
export function canReadIdentifiedCase(actor: ActorLike, centreId: string): boolean {
  return isStaffOf(actor, centreId);
}

/** Push of case and entry mutations: her own centre's staff only. */
export function canWriteCase(actor: ActorLike, centreId: string): boolean {
  return isStaffOf(actor, centreId);
}

/** De-identified case records (codes, dates, status): own centre, or any for headquarters. */
export function canReadDeidentifiedCase(actor: ActorLike, centreId: string): boolean {
  return isHeadquarters(actor) || isStaffOf(actor, centreId);
}

export function centresScope(actor: ActorLike): Scope {
  return isHeadquarters(actor) ? { kind: 'all' } : ownCentre(actor);
}

/** Counts per centre (no person in them): both headquarters roles, and a centre's manager. */
export function reportsScope(actor: ActorLike): Scope {
  if (isHeadquarters(actor)) return { kind: 'all' };
  return actor.role === 'manager' ? ownCentre(actor) : { kind: 'none' };
}

/** Staff accounts and tablets are managed by state_admin, and by a manager for her centre. */
export function managementScope(actor: ActorLike): Scope {
  if (actor.role === 'state_admin') return { kind: 'all' };
  return actor.role === 'manager' ? ownCentre(actor) : { kind: 'none' };
}

export function canListUsers(actor: ActorLike, centreId: string | null): boolean {
  return isInScope(managementScope(actor), centreId);
}

export function canListDevices(actor: ActorLike, centreId: string | null): boolean {
  return isInScope(managementScope(actor), centreId);
}

export function canRevokeDevice(actor: ActorLike, deviceCentreId: string | null): boolean {
  return isInScope(managementScope(actor), deviceCentreId);
}

/** How soon a centre's tablets lock: its manager, or state_admin for any centre. */
export function canSetCentreLock(actor: ActorLike, centreId: string): boolean {
  return isInScope(managementScope(actor), centreId);
}

/** The audit trail names who did what: state_admin, and a manager for her centre's events. */
export function canReadAudit(actor: ActorLike, centreId: string | null): boolean {
  return isInScope(managementScope(actor), centreId);
}

export function canReadReports(actor: ActorLike, centreId: string): boolean {
  return isInScope(reportsScope(actor), centreId);
}

export function canViewCentre(actor: ActorLike, centreId: string): boolean {
  return isInScope(centresScope(actor), centreId);
}

/**
 * Creating an account: state_admin may create any role anywhere; a manager creates
 * staff for her own centre, but never another manager or a headquarters role (that
 * would let one centre promote itself).
 */
export function canCreateUser(
  actor: ActorLike,
  target: { role: Role; centreId: string | null },
): boolean {
  if (actor.role === 'state_admin') return true;
  return (
    isManagerOf(actor, target.centreId) && target.role !== 'manager' && !isHeadquarters(target)
  );
}

/** Resetting passwords, disabling: the same people who may create that account. */
export function canManageUser(
  actor: ActorLike,
  target: { role: Role; centreId: string | null },
): boolean {
  return canCreateUser(actor, target);
}
