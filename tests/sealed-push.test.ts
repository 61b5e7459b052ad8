// @vitest-environment node
/**
 * The tablet seals (src/platform/sealed-box.ts, WebCrypto) and the server opens
 * (server/services/sealed-box.ts, node:crypto): two implementations of one scheme, which
 * must agree byte for byte, and the server must open nothing but the box as sealed.
 */
import {
  createCipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServerSecrets } from '../server/services/server-secrets.ts';
import { openSealedBox } from '../server/services/sealed-box.ts';
import { decodeBase64url, encodeBase64url } from '../src/domain/base64url.ts';
import { formatStamp } from '../src/domain/hlc.ts';
import type { Mutation } from '../src/domain/protocol.ts';
import {
  SEALED_BOX_INFO,
  sealedBoxAad,
  sealedBoxSalt,
  sealedPushRequestSchema,
  type SealedBox,
} from '../src/domain/sealed-push-protocol.ts';
import { sealForServer } from '../src/platform/sealed-box.ts';
import { sealMutation } from '../src/sync/sealed-push.ts';

const stamp = formatStamp({ wallMs: Date.UTC(2026, 10, 29), counter: 0, deviceId: 'tab-a' });
const note: Mutation = {
  id: '0190f3a2-7c1e-7000-8000-000000000101',
  recordType: 'note',
  recordId: '0190f3a2-7c1e-7000-8000-000000000002',
  caseId: '0190f3a2-7c1e-7000-8000-000000000001',
  fields: { text: { value: 'सुनीता से फ़ोन पर बात हुई', stamp, base: null } },
};

function flipByte(text: string, at: number): string {
  const bytes = decodeBase64url(text)!;
  bytes[at] = bytes[at]! ^ 1;
  return encodeBase64url(bytes);
}

describe('sealed boxes between tablet and server', () => {
  const secrets = createServerSecrets();
  const seal = () =>
    sealMutation({
      sealingKey: secrets.sealingPublicKey,
      deviceId: 'tab-a',
      userId: 'user-1',
      mutation: note,
    });

  it('opens what the tablet sealed, exactly', async () => {
    const { id, sealed } = await seal();
    expect(id).toBe(note.id);
    expect(openSealedBox(secrets, 'tab-a', note.id, sealed)).toEqual({
      userId: 'user-1',
      mutation: note,
    });
  });

  it('opens nothing for another device, another mutation id or another server', async () => {
    const { sealed } = await seal();
    expect(openSealedBox(secrets, 'tab-b', note.id, sealed)).toBeNull();
    expect(openSealedBox(secrets, 'tab-a', '0190f3a2-7c1e-7000-8000-000000000999', sealed)).toBe(
      null,
    );
    expect(openSealedBox(createServerSecrets(), 'tab-a', note.id, sealed)).toBeNull();
  });

  it('opens nothing tampered with, cut short or of the wrong size', async () => {
    const { sealed } = await seal();
    const broken: SealedBox[] = [
      { ...sealed, ct: flipByte(sealed.ct, 0) },
      { ...sealed, ct: flipByte(sealed.ct, decodeBase64url(sealed.ct)!.length - 1) },
      { ...sealed, iv: flipByte(sealed.iv, 0) },
      { ...sealed, epk: flipByte(sealed.epk, 5) },
      { ...sealed, ct: sealed.ct.slice(0, 20) },
      { ...sealed, iv: encodeBase64url(new Uint8Array(16)) },
      { ...sealed, epk: encodeBase64url(new Uint8Array(31)) },
      { ...sealed, epk: encodeBase64url(new Uint8Array(32)) },
      { ...sealed, ct: '' },
    ];
    for (const box of broken) expect(openSealedBox(secrets, 'tab-a', note.id, box)).toBeNull();
  });

  it('opens nothing that is not a mutation with the box’s id, nor text it cannot store', async () => {
    const sealText = async (text: string) =>
      sealForServer({
        sealingKey: secrets.sealingPublicKey,
        deviceId: 'tab-a',
        mutationId: note.id,
        plaintext: new TextEncoder().encode(text),
      });
    const other = { ...note, id: '0190f3a2-7c1e-7000-8000-000000000102' };
    const withNul = {
      ...note,
      fields: { text: { value: 'a\u0000b', stamp, base: null } },
    };
    for (const text of [
      'not json',
      JSON.stringify({ userId: 'user-1' }),
      JSON.stringify({ userId: 'user-1', mutation: other }),
      JSON.stringify({ userId: 'user-1', mutation: withNul }),
    ]) {
      expect(openSealedBox(secrets, 'tab-a', note.id, await sealText(text))).toBeNull();
    }
  });
});

describe('the worked example in docs/sync-protocol.md', () => {
  const doc = readFileSync(new URL('../docs/sync-protocol.md', import.meta.url), 'utf8');
  const block = /<!-- sealed-push-example -->\s*```json\n([\s\S]*?)\n```/.exec(doc);
  const example = JSON.parse(block?.[1] ?? 'null') as {
    serverPrivateKeyHex: string;
    sealingKey: string;
    ephemeralPrivateKeyHex: string;
    epk: string;
    sharedSecretHex: string;
    aesKeyHex: string;
    deviceId: string;
    mutationId: string;
    aad: string;
    ivHex: string;
    plaintext: string;
    ct: string;
    devicePublicKey: JsonWebKey;
    body: string;
    signature: string;
  };
  /** An X25519 private key from its 32 raw bytes (PKCS#8 DER around them). */
  const x25519 = (hex: string): KeyObject =>
    createPrivateKey({
      key: Buffer.from(`302e020100300506032b656e04220420${hex}`, 'hex'),
      format: 'der',
      type: 'pkcs8',
    });
  const rawPublicOf = (key: KeyObject) => createPublicKey(key).export({ format: 'jwk' }).x ?? '';

  it('derives the keys, additional data and ciphertext it shows', () => {
    const server = x25519(example.serverPrivateKeyHex);
    const ephemeral = x25519(example.ephemeralPrivateKeyHex);
    expect(rawPublicOf(server)).toBe(example.sealingKey);
    expect(rawPublicOf(ephemeral)).toBe(example.epk);
    const shared = diffieHellman({ privateKey: ephemeral, publicKey: createPublicKey(server) });
    expect(shared.toString('hex')).toBe(example.sharedSecretHex);
    const salt = sealedBoxSalt(decodeBase64url(example.epk)!, decodeBase64url(example.sealingKey)!);
    const key = Buffer.from(hkdfSync('sha256', shared, salt, SEALED_BOX_INFO, 32));
    expect(key.toString('hex')).toBe(example.aesKeyHex);
    expect(sealedBoxAad(example.deviceId, example.mutationId)).toBe(example.aad);
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(example.ivHex, 'hex'));
    cipher.setAAD(Buffer.from(example.aad, 'utf8'));
    const ct = Buffer.concat([
      cipher.update(example.plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(ct.toString('base64url')).toBe(example.ct);
  });

  it('is a body the server opens and a signature that verifies over its bytes', async () => {
    const request = sealedPushRequestSchema.parse(JSON.parse(example.body));
    const [box] = request.mutations;
    expect(box?.sealed).toEqual({
      epk: example.epk,
      iv: Buffer.from(example.ivHex, 'hex').toString('base64url'),
      ct: example.ct,
    });
    const keys = {
      sealingPrivateKey: x25519(example.serverPrivateKeyHex),
      sealingPublicKey: example.sealingKey,
    };
    expect(openSealedBox(keys, example.deviceId, example.mutationId, box!.sealed)).toEqual(
      JSON.parse(example.plaintext),
    );

    const bytes = Buffer.from(example.body, 'utf8');
    const signature = decodeBase64url(example.signature)!;
    const key = createPublicKey({ key: { ...example.devicePublicKey }, format: 'jwk' });
    expect(verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    const tabletKey = await crypto.subtle.importKey(
      'jwk',
      example.devicePublicKey,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const ecdsa = { name: 'ECDSA', hash: 'SHA-256' };
    expect(await crypto.subtle.verify(ecdsa, tabletKey, signature, bytes)).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(example.body), null, 1));
    expect(await crypto.subtle.verify(ecdsa, tabletKey, signature, reserialised)).toBe(false);
  });
});
