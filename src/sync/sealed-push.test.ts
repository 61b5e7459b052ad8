// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../domain/base64url.ts';
import { formatStamp } from '../domain/hlc.ts';
import { PROTOCOL_VERSION, maxPushBytes, type Mutation } from '../domain/protocol.ts';
import {
  DEVICE_SIGNATURE_HEADER,
  SEALED_PUSH_PATH,
  sealedPushRequestSchema,
  type SealedMutation,
} from '../domain/sealed-push-protocol.ts';
import { pushSealed, sealMutation } from './sealed-push.ts';

const { subtle } = globalThis.crypto;
const uuid = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;
const stamp = formatStamp({ wallMs: Date.UTC(2026, 10, 29), counter: 0, deviceId: 'tab-a' });
const serverTime = '2026-11-29T06:00:00.000Z';
const note = (n: number): Mutation => ({
  id: uuid(100 + n),
  recordType: 'note',
  recordId: uuid(n),
  caseId: uuid(1),
  fields: { text: { value: `नोट ${n}`, stamp, base: null } },
});

async function makeDeviceKey(): Promise<CryptoKeyPair> {
  return await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
}

async function makeSealingKey(): Promise<string> {
  const pair = (await subtle.generateKey({ name: 'X25519' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  return encodeBase64url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
}

interface Received {
  url: string;
  headers: Headers;
  /** The JSON bytes, gzip undone. */
  json: Uint8Array<ArrayBuffer>;
}

/** A server stand-in that keeps what it was sent and answers with `answer(request)`. */
function fakeServer(answer: (request: Received) => Response) {
  const received: Received[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    let body = new Response(init?.body).body!;
    if (headers.get('content-encoding') === 'gzip') {
      body = body.pipeThrough(new DecompressionStream('gzip'));
    }
    const json = new Uint8Array(await new Response(body).arrayBuffer());
    const request = { url: url instanceof Request ? url.url : url.toString(), headers, json };
    received.push(request);
    return answer(request);
  };
  return { fetch, received };
}

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
const refusal = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: { hi: 'नहीं', en: 'No' }, serverTime } }), {
    status,
  });

async function sealNotes(count: number, sealingKey: string): Promise<SealedMutation[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      sealMutation({ sealingKey, deviceId: 'tab-a', userId: 'user-1', mutation: note(i + 1) }),
    ),
  );
}

describe('pushSealed', () => {
  it('signs the exact JSON bytes it sends with the device key, with no session token', async () => {
    const deviceKey = await makeDeviceKey();
    const boxes = await sealNotes(2, await makeSealingKey());
    const server = fakeServer(() => ok({ serverTime, applied: 2, duplicates: [], rejected: [] }));
    const sent = await pushSealed({
      baseUrl: 'https://hq.example',
      deviceId: 'tab-a',
      signingKey: deviceKey.privateKey,
      boxes,
      fetch: server.fetch,
    });
    expect(sent).toEqual({
      sentCount: 2,
      response: { serverTime, applied: 2, duplicates: [], rejected: [] },
      isDeviceRevoked: false,
    });
    const [request] = server.received;
    expect(request!.url).toBe(`https://hq.example${SEALED_PUSH_PATH}`);
    expect(request!.headers.get('authorization')).toBeNull();
    const signature = decodeBase64url(request!.headers.get(DEVICE_SIGNATURE_HEADER) ?? '')!;
    expect(signature).toHaveLength(64);
    const verify = (bytes: Uint8Array<ArrayBuffer>) =>
      subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, deviceKey.publicKey, signature, bytes);
    expect(await verify(request!.json)).toBe(true);
    const tampered = request!.json.slice();
    tampered[0] = tampered[0]! ^ 1;
    expect(await verify(tampered)).toBe(false);

    const body = sealedPushRequestSchema.parse(JSON.parse(new TextDecoder().decode(request!.json)));
    expect(body).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'tab-a',
      mutations: boxes,
    });
    expect(new TextDecoder().decode(request!.json)).not.toContain('नोट');
  });

  it('sends as many boxes as fit in one push and answers exactly those', async () => {
    const deviceKey = await makeDeviceKey();
    const [box] = await sealNotes(1, await makeSealingKey());
    const big = { epk: box!.sealed.epk, iv: box!.sealed.iv, ct: 'A'.repeat(400_000) };
    const boxes = [1, 2, 3].map((n) => ({ id: uuid(200 + n), sealed: big }));
    const server = fakeServer(() => ok({ serverTime, applied: 2, duplicates: [], rejected: [] }));
    const sent = await pushSealed({
      baseUrl: '',
      deviceId: 'tab-a',
      signingKey: deviceKey.privateKey,
      boxes,
      fetch: server.fetch,
    });
    expect(sent.sentCount).toBe(2);
    expect(server.received[0]!.json.length).toBeLessThanOrEqual(maxPushBytes);
  });

  it('refuses an answer that does not add up, so nothing leaves the outbox on it', async () => {
    const deviceKey = await makeDeviceKey();
    const boxes = await sealNotes(2, await makeSealingKey());
    const wrongAnswers = [
      { serverTime, applied: 3, duplicates: [], rejected: [] },
      { serverTime, applied: 1, duplicates: [uuid(999)], rejected: [] },
    ];
    for (const answer of wrongAnswers) {
      const server = fakeServer(() => ok(answer));
      await expect(
        pushSealed({
          baseUrl: '',
          deviceId: 'tab-a',
          signingKey: deviceKey.privateKey,
          boxes,
          fetch: server.fetch,
        }),
      ).rejects.toMatchObject({ code: 'bad_response' });
    }
  });

  it.each([
    [401, 'bad_device_signature', 'bad_device_signature'],
    [403, 'device_revoked', 'device_revoked'],
    [401, 'device_revoked', 'device_revoked'],
    [426, 'unsupported_protocol_version', 'unsupported_protocol_version'],
    [500, 'internal_error', 'server_error'],
  ])('maps a %i %s refusal to %s', async (status, code, expected) => {
    const deviceKey = await makeDeviceKey();
    const boxes = await sealNotes(1, await makeSealingKey());
    const server = fakeServer(() => refusal(status, code));
    await expect(
      pushSealed({
        baseUrl: '',
        deviceId: 'tab-a',
        signingKey: deviceKey.privateKey,
        boxes,
        fetch: server.fetch,
      }),
    ).rejects.toMatchObject({ code: expected });
  });

  it('is offline when the server cannot be reached', async () => {
    const deviceKey = await makeDeviceKey();
    const boxes = await sealNotes(1, await makeSealingKey());
    await expect(
      pushSealed({
        baseUrl: '',
        deviceId: 'tab-a',
        signingKey: deviceKey.privateKey,
        boxes,
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      }),
    ).rejects.toMatchObject({ code: 'offline' });
  });
});
