import { describe, expect, it } from 'vitest';
import {
  AUTH_ERROR_CODES,
  createUserRequestSchema,
  needsSignIn,
  shouldWipeDevice,
  signInRequestSchema,
  signInResponseSchema,
  signInSignedText,
} from './auth-protocol.ts';

const KEY_BYTES = 'A'.repeat(42) + 'E';

const response = {
  token: 'A'.repeat(43),
  user: {
    id: 'u1',
    username: 'lko.manager',
    role: 'manager',
    centreId: 'c1',
    displayName: 'सुनीता',
  },
  centre: { id: 'c1', districtCode: 'LKO', nameHi: 'लखनऊ', nameEn: 'Lucknow' },
  device: { id: 'tab-1', tag: 'K7', name: null },
  expiresAt: '2026-04-07T09:30:00.000Z',
  absoluteExpiresAt: '2026-06-06T09:30:00.000Z',
  serverTime: '2026-03-08T09:30:00.000Z',
  lock: { idleMinutes: 5 },
  dataKey: KEY_BYTES,
  sealingKey: KEY_BYTES,
};

describe('auth protocol', () => {
  it('accepts a sign-in request and refuses unknown fields or a bad device id', () => {
    const request = {
      username: 'lko.manager',
      password: 'x',
      deviceId: 'tab-1',
      devicePublicKey: { kty: 'EC', crv: 'P-256', x: KEY_BYTES, y: KEY_BYTES },
      deviceSignature: 'A'.repeat(85) + 'Q',
    };
    expect(signInRequestSchema.parse(request)).toEqual(request);
    expect(signInRequestSchema.parse({ ...request, switchCentre: true }).switchCentre).toBe(true);
    expect(signInRequestSchema.safeParse({ ...request, switchCentre: false }).success).toBe(false);
    const { deviceSignature: _unsigned, ...withoutSignature } = request;
    expect(signInRequestSchema.safeParse(withoutSignature).success).toBe(false);
    expect(
      signInRequestSchema.safeParse({
        ...request,
        devicePublicKey: { ...request.devicePublicKey, d: KEY_BYTES },
      }).success,
    ).toBe(false);
    expect(
      signInRequestSchema.safeParse({ ...request, deviceSignature: 'A'.repeat(85) + 'B' }).success,
    ).toBe(false);
    expect(signInRequestSchema.safeParse({ ...request, role: 'state_admin' }).success).toBe(false);
    expect(signInRequestSchema.safeParse({ ...request, deviceId: '../x' }).success).toBe(false);
    expect(signInRequestSchema.safeParse({ ...request, password: '' }).success).toBe(false);
  });

  it('reads a sign-in answer, with or without a centre', () => {
    expect(signInResponseSchema.parse(response)).toEqual(response);
    const headquarters = {
      ...response,
      user: { ...response.user, role: 'state_admin', centreId: null },
      centre: null,
    };
    expect(signInResponseSchema.safeParse(headquarters).success).toBe(true);
    expect(signInResponseSchema.safeParse({ ...response, token: 'short' }).success).toBe(false);
    expect(
      signInResponseSchema.safeParse({ ...response, device: { ...response.device, tag: 'k7' } })
        .success,
    ).toBe(false);
  });

  it('signs the username exactly as sent, on its own line after the device id', () => {
    expect(signInSignedText('tab-1', ' LKO.Manager')).toBe('sakhi-sign-in-v1\ntab-1\n LKO.Manager');
  });

  it('tells the tablet to wipe only on device_revoked, and to ask for the password on the rest', () => {
    expect(AUTH_ERROR_CODES.filter(shouldWipeDevice)).toEqual(['device_revoked']);
    expect(AUTH_ERROR_CODES.filter(needsSignIn)).toEqual([
      'not_signed_in',
      'session_expired',
      'account_disabled',
    ]);
  });

  it('asks for a password of at least 10 characters when creating an account', () => {
    const user = {
      username: 'lko.nurse',
      displayName: 'नर्स',
      role: 'nurse',
      centreId: 'c1',
      password: 'ten chars!',
    };
    expect(createUserRequestSchema.safeParse(user).success).toBe(true);
    expect(createUserRequestSchema.safeParse({ ...user, password: 'nine char' }).success).toBe(
      false,
    );
  });
});
