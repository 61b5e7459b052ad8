import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64url } from '../domain/base64url.ts';
import { createDeviceKey, signWithDeviceKey } from '../platform/device-key.ts';
import { SakhiDatabase } from './database.ts';
import { ensureDeviceKey, forgetDeviceKey, readDeviceKey } from './device-key-store.ts';

const bytes = new TextEncoder().encode('sakhi-sign-in-v1\ndevice-1\nasha');

function openFreshDatabase(): { db: SakhiDatabase; name: string } {
  const name = `sakhi-device-key-${crypto.randomUUID()}`;
  return { db: new SakhiDatabase(name), name };
}

describe('device key store', () => {
  it('keeps one non-extractable pair that still signs after the database is reopened', async () => {
    const { db, name } = openFreshDatabase();
    expect(await readDeviceKey(db)).toBeNull();
    const first = await ensureDeviceKey(db);
    db.close();

    const again = new SakhiDatabase(name);
    const kept = await ensureDeviceKey(again);
    again.close();
    expect(kept.publicJwk).toEqual(first.publicJwk);
    expect(kept.privateKey.extractable).toBe(false);
    const signature = await signWithDeviceKey(kept.privateKey, bytes);
    const publicKey = createPublicKey({ key: { ...first.publicJwk }, format: 'jwk' });
    expect(
      verify(
        'sha256',
        bytes,
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        decodeBase64url(signature)!,
      ),
    ).toBe(true);
  });

  it('uses the first pair stored when two first runs race', async () => {
    const { db } = openFreshDatabase();
    const [one, two] = await Promise.all([ensureDeviceKey(db), ensureDeviceKey(db)]);
    expect(one.publicJwk).toEqual(two.publicJwk);
    expect((await readDeviceKey(db))?.publicJwk).toEqual(one.publicJwk);
    db.close();
  });

  it('makes a new pair after the old one is forgotten', async () => {
    const { db } = openFreshDatabase();
    const first = await ensureDeviceKey(db);
    await forgetDeviceKey(db);
    expect(await readDeviceKey(db)).toBeNull();
    const second = await ensureDeviceKey(db, createDeviceKey);
    expect(second.publicJwk).not.toEqual(first.publicJwk);
    db.close();
  });
});
