import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleSignInResponse } from '../../data/session.testing.ts';
import { signInRequestSchema } from '../../domain/auth-protocol.ts';
import { createDeviceKey, type DeviceKeyPair } from '../../platform/device-key.ts';
import { requestSignIn } from './sign-in-client.ts';
import { buildSignInRequest } from './sign-in-request.ts';

let deviceKey: DeviceKeyPair;
beforeAll(async () => {
  deviceKey = await createDeviceKey();
});

function attempt(overrides: { username?: string; switchCentre?: boolean } = {}) {
  return {
    username: overrides.username ?? 'lko.caseworker',
    password: 'sakhi-demo-2026',
    deviceId: 'tablet-1',
    deviceKey,
    ...(overrides.switchCentre === undefined ? {} : { switchCentre: overrides.switchCentre }),
  };
}

function answerWith(status: number, body: unknown): typeof fetch {
  return vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
}

function errorBody(code: string) {
  return { error: { code, message: { hi: code, en: code } } };
}

describe('sign-in request', () => {
  it('is what the server parses, switchCentre only when she confirmed', async () => {
    const plain = await buildSignInRequest(attempt());
    expect(signInRequestSchema.parse(plain)).toEqual(plain);
    expect(plain).not.toHaveProperty('switchCentre');
    expect(await buildSignInRequest(attempt({ switchCentre: false }))).not.toHaveProperty(
      'switchCentre',
    );
    expect(await buildSignInRequest(attempt({ switchCentre: true }))).toMatchObject({
      switchCentre: true,
    });
  });

  it('is null when a field is blank, before anything is signed', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign');
    expect(await buildSignInRequest(attempt({ username: '   ' }))).toBeNull();
    expect(sign).not.toHaveBeenCalled();
    sign.mockRestore();
  });
});

describe('requestSignIn', () => {
  it('says the network failed when the answer stops half-way, not that it was unreadable', async () => {
    const cut: typeof fetch = () =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"token":"abc'));
              controller.error(new DOMException('The operation timed out.', 'TimeoutError'));
            },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      );
    expect(await requestSignIn(attempt(), { fetch: cut })).toEqual({
      isSignedIn: false,
      failure: { code: 'network' },
    });
    const garbled = answerWith(200, 'not the sign-in answer');
    expect(await requestSignIn(attempt(), { fetch: garbled })).toEqual({
      isSignedIn: false,
      failure: { code: 'bad_response' },
    });
  });

  it('sends the confirmed centre switch', async () => {
    const send = answerWith(200, sampleSignInResponse());
    const result = await requestSignIn(attempt({ switchCentre: true }), { fetch: send });
    expect(result.isSignedIn).toBe(true);
    const init = vi.mocked(send).mock.calls[0]![1]!;
    expect(JSON.parse(init.body as string)).toMatchObject({ switchCentre: true });
  });

  it.each([
    ['device_other_centre', 409, 'device_other_centre'],
    ['device_key_mismatch', 403, 'device_key_mismatch'],
    ['bad_device_signature', 401, 'device_key_mismatch'],
  ] as const)('turns %s into %s', async (serverCode, status, code) => {
    const result = await requestSignIn(attempt(), {
      fetch: answerWith(status, errorBody(serverCode)),
    });
    expect(result).toEqual({ isSignedIn: false, failure: { code } });
  });

  it.each([
    ['the Retry-After it names', '7000', 7000],
    ['a day when it names none', null, 86_400],
  ] as const)('turns too_many_new_devices into a wait of %s', async (_, header, seconds) => {
    const send: typeof fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify(errorBody('too_many_new_devices')), {
          status: 429,
          headers: {
            'content-type': 'application/json',
            ...(header === null ? {} : { 'retry-after': header }),
          },
        }),
      );
    const result = await requestSignIn(attempt(), { fetch: send });
    expect(result).toEqual({
      isSignedIn: false,
      failure: { code: 'too_many_new_devices', retryAfterSeconds: seconds },
    });
  });
});
