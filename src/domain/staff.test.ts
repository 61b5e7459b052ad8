import { describe, expect, it } from 'vitest';
import {
  deviceSchema,
  isHeadquartersRole,
  roleSchema,
  userSchema,
  type Device,
  type User,
} from './staff.ts';
import { roles } from './vocabularies-staff.ts';

const centreId = '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b';

const counsellor: User = {
  id: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
  centreId,
  role: 'counsellor',
  displayName: 'रीना वर्मा',
  username: 'reena.verma',
};

const analyst: User = {
  id: '0190a1b2-c3d4-7e5f-8a6b-000000000002',
  centreId: null,
  role: 'state_analyst',
  displayName: 'Anil Kumar',
  username: 'anil_k-2',
};

describe('roleSchema', () => {
  it('accepts every role and nothing else', () => {
    for (const role of roles) expect(roleSchema.parse(role.code)).toBe(role.code);
    expect(roleSchema.safeParse('admin').success).toBe(false);
  });
});

describe('isHeadquartersRole', () => {
  it('is true for the state roles only', () => {
    expect(roles.filter((role) => isHeadquartersRole(role.code)).map((role) => role.code)).toEqual([
      'state_admin',
      'state_analyst',
    ]);
  });
});

describe('userSchema', () => {
  it('accepts centre staff with a centre, and headquarters staff without one', () => {
    expect(userSchema.parse(counsellor)).toEqual(counsellor);
    expect(userSchema.parse(analyst)).toEqual(analyst);
  });

  it('rejects a headquarters user tied to a centre', () => {
    const result = userSchema.safeParse({ ...analyst, centreId });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['centreId']);
  });

  it('rejects centre staff without a centre', () => {
    const result = userSchema.safeParse({ ...counsellor, centreId: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['centreId']);
  });

  it.each(['Reena', 're', 'a'.repeat(33), 'reena verma', 'रीना', 'reena@osc'])(
    'rejects the username %j',
    (username) => {
      expect(userSchema.safeParse({ ...counsellor, username }).success).toBe(false);
    },
  );

  it('accepts usernames of 3 and 32 characters', () => {
    expect(userSchema.safeParse({ ...counsellor, username: 'abc' }).success).toBe(true);
    expect(userSchema.safeParse({ ...counsellor, username: 'a'.repeat(32) }).success).toBe(true);
  });
});

describe('deviceSchema', () => {
  const tablet: Device = {
    id: '0190a1b2-c3d4-7e5f-8a6b-0000000000d1',
    userId: counsellor.id,
    tag: 'K7',
    registeredAt: '2026-01-05T04:30:00Z',
    lastSeenAt: '2026-03-01T09:12:45.120Z',
    revokedAt: null,
  };

  it('accepts a registered device, and a revoked one', () => {
    expect(deviceSchema.parse(tablet)).toEqual(tablet);
    expect(deviceSchema.safeParse({ ...tablet, revokedAt: '2026-03-02T00:00:00Z' }).success).toBe(
      true,
    );
  });

  it.each(['k7', 'K', 'K7ABC', 'K-7', ''])(
    'rejects the device tag %j, which could not go in a case number',
    (tag) => {
      expect(deviceSchema.safeParse({ ...tablet, tag }).success).toBe(false);
    },
  );
});
