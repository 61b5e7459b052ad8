/**
 * Sign-in answers for tests, built through signInResponseSchema so they are exactly what
 * the server may send (docs/api.md): for session tests, the sign-in screen's stubbed
 * `fetch`, and the app's tests that start signed in.
 */
import { signInResponseSchema, type SignInResponse } from '../domain/auth-protocol.ts';
import { testStaff } from './case-store.testing.ts';

export function sampleSignInResponse(
  overrides: {
    readonly deviceId?: string;
    readonly tag?: string;
    readonly serverTime?: string;
  } = {},
): SignInResponse {
  const staff = testStaff.caseworker;
  return signInResponseSchema.parse({
    token: 'T0ken_'.padEnd(43, 'x'),
    user: {
      id: staff.userId,
      username: 'lko.caseworker',
      role: staff.role,
      centreId: staff.centreId,
      displayName: staff.displayName,
    },
    centre: {
      id: staff.centreId,
      districtCode: staff.districtCode,
      nameHi: 'वन स्टॉप सेंटर (सखी), लखनऊ',
      nameEn: 'One Stop Centre (Sakhi), Lucknow',
    },
    device: { id: overrides.deviceId ?? 'tablet-1', tag: overrides.tag ?? 'K7', name: null },
    expiresAt: '2026-04-09T05:00:00.000Z',
    absoluteExpiresAt: '2026-06-08T05:00:00.000Z',
    serverTime: overrides.serverTime ?? '2026-03-10T05:00:00.000Z',
    lock: { idleMinutes: 5 },
    centreDetails: {
      address: 'सिविल अस्पताल परिसर, लखनऊ',
      phone: '0522 2612345',
      staff: [
        { id: staff.userId, displayName: staff.displayName, role: staff.role },
        {
          id: testStaff.manager.userId,
          displayName: testStaff.manager.displayName,
          role: 'manager',
        },
      ],
    },
    // 32 bytes each, base64url.
    dataKey: 'ZGF0YS1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM',
    sealingKey: 'c2VhbGluZy1rZXktZm9yLXRlc3RzLW9ubHktMzJieXQ',
  });
}

/** The same answer as a headquarters account gets: no centre. */
export function headquartersSignInResponse(): SignInResponse {
  const response = sampleSignInResponse();
  return signInResponseSchema.parse({
    ...response,
    user: { ...response.user, username: 'state.admin', role: 'state_admin', centreId: null },
    centre: null,
    centreDetails: null,
  });
}
