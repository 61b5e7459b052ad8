// @vitest-environment node
// The whole permission table: every rule × every role × own centre / other centre /
// headquarters (no centre). A cell changes only when this table changes with it.
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/domain/vocabularies-staff.ts';
import {
  canCreateUser,
  canListDevices,
  canListUsers,
  canManageUser,
  canReadAudit,
  canReadDeidentifiedCase,
  canReadIdentifiedCase,
  canReadReports,
  canRevokeDevice,
  canSetCentreLock,
  canViewCentre,
  canWriteCase,
  centresScope,
  isInScope,
  managementScope,
  reportsScope,
} from './permissions.ts';

const OWN = 'centre-own';
const OTHER = 'centre-other';
const ALL: readonly Role[] = roles.map((role) => role.code);
const STAFF: readonly Role[] = ['manager', 'counsellor', 'nurse', 'operator', 'caseworker'];
const HQ: readonly Role[] = ['state_admin', 'state_analyst'];
const MANAGE: readonly Role[] = ['manager', 'state_admin'];

type Target = 'own' | 'other' | 'headquarters';
const centreOf = { own: OWN, other: OTHER, headquarters: null } as const;

function actorFor(role: Role) {
  return { role, centreId: HQ.includes(role) ? null : OWN };
}

/** Allowed roles per target; `null` where a rule does not apply (case data has a centre). */
const TABLE: Record<
  string,
  {
    check: (role: Role, centreId: string | null) => boolean;
    allowed: Record<Target, readonly Role[] | null>;
  }
> = {
  canReadIdentifiedCase: {
    check: (role, centreId) => canReadIdentifiedCase(actorFor(role), centreId!),
    allowed: { own: STAFF, other: [], headquarters: null },
  },
  canWriteCase: {
    check: (role, centreId) => canWriteCase(actorFor(role), centreId!),
    allowed: { own: STAFF, other: [], headquarters: null },
  },
  canReadDeidentifiedCase: {
    check: (role, centreId) => canReadDeidentifiedCase(actorFor(role), centreId!),
    allowed: { own: ALL, other: HQ, headquarters: null },
  },
  canViewCentre: {
    check: (role, centreId) => canViewCentre(actorFor(role), centreId!),
    allowed: { own: ALL, other: HQ, headquarters: null },
  },
  canReadReports: {
    check: (role, centreId) => canReadReports(actorFor(role), centreId!),
    allowed: { own: ['manager', ...HQ], other: HQ, headquarters: null },
  },
  canListUsers: {
    check: (role, centreId) => canListUsers(actorFor(role), centreId),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: ['state_admin'] },
  },
  canListDevices: {
    check: (role, centreId) => canListDevices(actorFor(role), centreId),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: ['state_admin'] },
  },
  canRevokeDevice: {
    check: (role, centreId) => canRevokeDevice(actorFor(role), centreId),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: ['state_admin'] },
  },
  canSetCentreLock: {
    check: (role, centreId) => canSetCentreLock(actorFor(role), centreId!),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: null },
  },
  canReadAudit: {
    check: (role, centreId) => canReadAudit(actorFor(role), centreId),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: ['state_admin'] },
  },
  // A caseworker account at the target (a headquarters target gets state_analyst).
  canCreateUser: {
    check: (role, centreId) =>
      canCreateUser(actorFor(role), {
        role: centreId === null ? 'state_analyst' : 'caseworker',
        centreId,
      }),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: ['state_admin'] },
  },
  canManageUser: {
    check: (role, centreId) =>
      canManageUser(actorFor(role), {
        role: centreId === null ? 'state_admin' : 'nurse',
        centreId,
      }),
    allowed: { own: MANAGE, other: ['state_admin'], headquarters: ['state_admin'] },
  },
};

const CELLS = Object.entries(TABLE).flatMap(([rule, { check, allowed }]) =>
  ALL.flatMap((role) =>
    (['own', 'other', 'headquarters'] as const)
      .filter((target) => allowed[target] !== null)
      .map((target) => ({
        rule,
        role,
        target,
        check,
        expected: allowed[target]!.includes(role),
      })),
  ),
);

describe('permission table', () => {
  it.each(CELLS)('$rule: $role on $target → $expected', ({ role, target, check, expected }) => {
    expect(check(role, centreOf[target])).toBe(expected);
  });

  it('never lets a headquarters role read identified case data, anywhere', () => {
    for (const role of HQ) {
      for (const centreId of [OWN, OTHER, 'any-centre']) {
        expect(canReadIdentifiedCase({ role, centreId: null }, centreId)).toBe(false);
      }
    }
  });

  it('keeps a manager from creating managers or headquarters roles, even in her centre', () => {
    const manager = actorFor('manager');
    expect(canCreateUser(manager, { role: 'manager', centreId: OWN })).toBe(false);
    expect(canCreateUser(manager, { role: 'state_admin', centreId: OWN })).toBe(false);
    expect(canCreateUser(manager, { role: 'state_analyst', centreId: null })).toBe(false);
    for (const role of ['counsellor', 'nurse', 'operator', 'caseworker'] as const) {
      expect(canCreateUser(manager, { role, centreId: OWN })).toBe(true);
    }
    expect(canCreateUser(actorFor('state_admin'), { role: 'manager', centreId: OTHER })).toBe(true);
  });

  it('gives a centre account with no centre (a broken row) nothing', () => {
    const broken = { role: 'manager' as const, centreId: null };
    expect(managementScope(broken)).toEqual({ kind: 'none' });
    expect(canListUsers(broken, null)).toBe(false);
    expect(canReadIdentifiedCase(broken, OWN)).toBe(false);
  });

  it('derives listings from scopes', () => {
    expect(centresScope(actorFor('nurse'))).toEqual({ kind: 'centre', centreId: OWN });
    expect(centresScope(actorFor('state_analyst'))).toEqual({ kind: 'all' });
    expect(reportsScope(actorFor('nurse'))).toEqual({ kind: 'none' });
    expect(managementScope(actorFor('state_analyst'))).toEqual({ kind: 'none' });
    expect(isInScope({ kind: 'all' }, null)).toBe(true);
    expect(isInScope({ kind: 'none' }, OWN)).toBe(false);
  });
});
