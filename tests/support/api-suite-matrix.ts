/**
 * The authorization matrix over HTTP: each role × each endpoint × own centre / other
 * centre / headquarters, with the expected allow or deny in every cell. An allowed
 * listing must also show nothing outside what was asked; a denied write must change
 * nothing. Run on both engines (server/api.test.ts, server/api.pg.test.ts).
 *
 * "headquarters" means rows of no centre (headquarters staff, their tablets, their
 * events) for users, devices and audit; for centres and reports, which hold only
 * centres, it is the state-wide view (no `centreId`), which centre staff get scoped to
 * their own centre.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { roles, type Role } from '../../src/domain/vocabularies-staff.ts';
import { registerDevice } from '../../server/services/devices.ts';
import {
  TEST_PASSWORD,
  createStaff,
  inject,
  seedFixture,
  signInAs,
  type ApiHarness,
  type Fixture,
} from './api-harness.ts';

type Target = 'own' | 'other' | 'headquarters';
const TARGETS: readonly Target[] = ['own', 'other', 'headquarters'];
const ALL_ROLES = roles.map((role) => role.code);
const STAFF = ['manager', 'counsellor', 'nurse', 'operator', 'caseworker'] as const;
const HQ = ['state_admin', 'state_analyst'] as const;

/** Who is allowed, per endpoint and target. Everyone else must get 403 forbidden. */
const MATRIX: Record<string, Record<Target, readonly Role[]>> = {
  'GET /api/centres': {
    own: [...STAFF, ...HQ],
    other: [...HQ],
    headquarters: [...STAFF, ...HQ],
  },
  'GET /api/reports/summary': {
    own: ['manager', ...HQ],
    other: [...HQ],
    headquarters: ['manager', ...HQ],
  },
  'GET /api/users': {
    own: ['manager', 'state_admin'],
    other: ['state_admin'],
    headquarters: ['state_admin'],
  },
  'GET /api/devices': {
    own: ['manager', 'state_admin'],
    other: ['state_admin'],
    headquarters: ['state_admin'],
  },
  'GET /api/audit': {
    own: ['manager', 'state_admin'],
    other: ['state_admin'],
    headquarters: ['state_admin'],
  },
  'POST /api/devices/:id/revoke': {
    own: ['manager', 'state_admin'],
    other: ['state_admin'],
    headquarters: ['state_admin'],
  },
  'POST /api/users': {
    own: ['manager', 'state_admin'],
    other: ['state_admin'],
    headquarters: ['state_admin'],
  },
  'POST /api/users/:id/reset-password': {
    own: ['manager', 'state_admin'],
    other: ['state_admin'],
    headquarters: ['state_admin'],
  },
  'GET /api/auth/session': { own: ALL_ROLES, other: ALL_ROLES, headquarters: ALL_ROLES },
};

interface Cell {
  endpoint: string;
  role: Role;
  target: Target;
  allowed: boolean;
}

const CELLS: Cell[] = Object.entries(MATRIX).flatMap(([endpoint, byTarget]) =>
  ALL_ROLES.flatMap((role) =>
    TARGETS.map((target) => ({ endpoint, role, target, allowed: byTarget[target].includes(role) })),
  ),
);

export function matrixSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'matrix');
    for (const role of ALL_ROLES) {
      tokens.set(role, (await signInAs(h, fixture.users[role].username)).token);
    }
    // Someone at the other centre signs in, so its devices and events exist.
    await signInAs(h, fixture.users.otherManager.username);
  });

  const centreOf = (target: Target) =>
    target === 'own' ? fixture.own.id : target === 'other' ? fixture.other.id : null;
  const query = (target: Target, stateWide: boolean) =>
    target === 'headquarters'
      ? stateWide
        ? ''
        : '?centreId=headquarters'
      : `?centreId=${centreOf(target)}`;

  /** A tablet belonging to the target, registered directly (not through the API under test). */
  async function targetDevice(target: Target): Promise<string> {
    const user =
      target === 'own'
        ? fixture.users.caseworker
        : target === 'other'
          ? fixture.users.otherCaseworker
          : fixture.users.state_analyst;
    const centre = target === 'own' ? fixture.own : target === 'other' ? fixture.other : null;
    const device = await registerDevice(h.db, {
      deviceId: randomUUID(),
      name: null,
      owner: {
        userId: user.id,
        centreId: user.centre_id,
        districtCode: centre?.district_code ?? null,
      },
      now: h.clock.now(),
    });
    return device.id;
  }

  async function request(cell: Cell) {
    const token = tokens.get(cell.role);
    const [method, path] = cell.endpoint.split(' ') as ['GET' | 'POST', string];
    switch (cell.endpoint) {
      case 'GET /api/centres':
      case 'GET /api/reports/summary':
        return {
          response: await inject(h, { method, url: path + query(cell.target, true), token }),
        };
      case 'GET /api/users':
      case 'GET /api/devices':
      case 'GET /api/audit':
        return {
          response: await inject(h, { method, url: path + query(cell.target, false), token }),
        };
      case 'GET /api/auth/session':
        return { response: await inject(h, { method, url: path, token }) };
      case 'POST /api/devices/:id/revoke': {
        const id = await targetDevice(cell.target);
        const response = await inject(h, { method, url: `/api/devices/${id}/revoke`, token });
        const device = await h.db
          .selectFrom('devices')
          .select('revoked_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return { response, changed: device.revoked_at !== null };
      }
      case 'POST /api/users': {
        const username = `m${randomUUID().slice(0, 8)}`;
        const payload = {
          username,
          displayName: 'नई सहकर्मी',
          role: cell.target === 'headquarters' ? 'state_analyst' : 'caseworker',
          centreId: centreOf(cell.target),
          password: TEST_PASSWORD,
        };
        const response = await inject(h, { method, url: path, token, payload });
        const created = await h.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .execute();
        return { response, changed: created.length > 0 };
      }
      case 'POST /api/users/:id/reset-password': {
        // A fresh account per cell, so no cell ends a session another cell signs in with.
        const centre =
          cell.target === 'own' ? fixture.own : cell.target === 'other' ? fixture.other : null;
        const target = await createStaff(h, centre ? 'caseworker' : 'state_analyst', centre);
        const url = `/api/users/${target.id}/reset-password`;
        const payload = { password: 'नीला बादल साइकिल आम' };
        const response = await inject(h, { method, url, token, payload });
        const after = await h.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', target.id)
          .executeTakeFirstOrThrow();
        return { response, changed: after.password_hash !== target.password_hash };
      }
      default:
        throw new Error(`no request for ${cell.endpoint}`);
    }
  }

  /** Every centre id an allowed answer may show, for the leak check. */
  function visibleCentres(cell: Cell): (string | null)[] | 'any' {
    if (cell.target !== 'headquarters') return [centreOf(cell.target)];
    const isStateWide =
      cell.endpoint === 'GET /api/centres' || cell.endpoint === 'GET /api/reports/summary';
    if (!isStateWide) return [null];
    return (HQ as readonly Role[]).includes(cell.role) ? 'any' : [fixture.own.id];
  }

  function centresIn(body: Record<string, unknown>): (string | null)[] {
    const rows = (body.centres ?? body.users ?? body.devices ?? body.entries ?? []) as Record<
      string,
      unknown
    >[];
    return rows.map((row) => (row.centreId ?? (body.centres ? row.id : null)) as string | null);
  }

  it('covers every role, endpoint and target', () => {
    expect(CELLS).toHaveLength(Object.keys(MATRIX).length * ALL_ROLES.length * TARGETS.length);
  });

  it.each(CELLS)('$endpoint as $role on $target centre: allowed=$allowed', async (cell) => {
    const { response, changed } = await request(cell);
    if (!cell.allowed) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(changed ?? false).toBe(false);
      return;
    }
    expect([200, 201], response.body).toContain(response.statusCode);
    if (changed !== undefined) expect(changed).toBe(true);
    const body = response.json<Record<string, unknown>>();
    const visible = visibleCentres(cell);
    if (
      cell.endpoint.startsWith('GET') &&
      visible !== 'any' &&
      cell.endpoint !== 'GET /api/auth/session'
    ) {
      const shown = centresIn(body);
      expect(shown.length, 'an allowed listing shows something').toBeGreaterThan(0);
      for (const centreId of shown) expect(visible).toContain(centreId);
    }
  });
}
