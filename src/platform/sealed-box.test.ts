// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../domain/base64url.ts';
import {
  SEALED_BOX_INFO,
  sealedBoxAad,
  sealedBoxSalt,
  type SealedBox,
} from '../domain/sealed-push-protocol.ts';
import { sealForServer } from './sealed-box.ts';

const { subtle } = globalThis.crypto;
const utf8 = new TextEncoder();
const mutationId = '0190f3a2-7c1e-7000-8000-000000000101';

async function makeRecipient() {
  const pair = (await subtle.generateKey({ name: 'X25519' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, raw, sealingKey: encodeBase64url(raw) };
}

/** Opens a box the way the protocol says, with WebCrypto: the recipient's side. */
async function open(
  box: SealedBox,
  recipient: { privateKey: CryptoKey; raw: Uint8Array },
  aad: string,
): Promise<string> {
  const epk = decodeBase64url(box.epk)!;
  const ephemeral = await subtle.importKey('raw', epk, { name: 'X25519' }, false, []);
  const shared = await subtle.deriveBits(
    { name: 'X25519', public: ephemeral },
    recipient.privateKey,
    256,
  );
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const key = await subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: sealedBoxSalt(epk, recipient.raw),
      info: utf8.encode(SEALED_BOX_INFO),
    },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const plain = await subtle.decrypt(
    { name: 'AES-GCM', iv: decodeBase64url(box.iv)!, additionalData: utf8.encode(aad) },
    key,
    decodeBase64url(box.ct)!,
  );
  return new TextDecoder().decode(plain);
}

describe('sealForServer', () => {
  it('seals so that only the sealing key opens it, for this device and mutation only', async () => {
    const recipient = await makeRecipient();
    const box = await sealForServer({
      sealingKey: recipient.sealingKey,
      deviceId: 'tab-a',
      mutationId,
      plaintext: utf8.encode('सुनीता'),
    });
    expect(decodeBase64url(box.epk)).toHaveLength(32);
    expect(decodeBase64url(box.iv)).toHaveLength(12);
    expect(decodeBase64url(box.ct)).toHaveLength(utf8.encode('सुनीता').length + 16);
    expect(await open(box, recipient, sealedBoxAad('tab-a', mutationId))).toBe('सुनीता');

    await expect(open(box, recipient, sealedBoxAad('tab-b', mutationId))).rejects.toThrow();
    const stranger = await makeRecipient();
    await expect(open(box, stranger, sealedBoxAad('tab-a', mutationId))).rejects.toThrow();
  });

  it('uses a fresh ephemeral key and IV for every box', async () => {
    const recipient = await makeRecipient();
    const seal = () =>
      sealForServer({
        sealingKey: recipient.sealingKey,
        deviceId: 'tab-a',
        mutationId,
        plaintext: utf8.encode('same'),
      });
    const [first, second] = await Promise.all([seal(), seal()]);
    expect(first.epk).not.toBe(second.epk);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
  });

  it('refuses a sealing key that is not 32 bytes', async () => {
    await expect(
      sealForServer({
        sealingKey: encodeBase64url(new Uint8Array(31)),
        deviceId: 'tab-a',
        mutationId,
        plaintext: utf8.encode('x'),
      }),
    ).rejects.toThrow(/32-byte/);
  });
});
