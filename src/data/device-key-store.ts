/**
 * This tablet's device key (platform/device-key.ts), kept in `meta` as `deviceKey`.
 * IndexedDB stores the CryptoKey objects themselves by structured clone, so the
 * non-extractable private key stays usable here and unreadable everywhere.
 *
 * What must always hold: one key pair per tablet. Two first runs at once (page and
 * service worker) both make a pair, but only the first one stored is ever used.
 */
import { createDeviceKey, type DeviceKeyPair } from '../platform/device-key.ts';
import type { SakhiDatabase } from './database.ts';
import { keyMetaOf } from './key-meta.ts';
import { toStoreError } from './store-errors.ts';

/** The device key, made and stored on first use; the same on every later call. */
export async function ensureDeviceKey(
  db: SakhiDatabase,
  create: () => Promise<DeviceKeyPair> = createDeviceKey,
): Promise<DeviceKeyPair> {
  const stored = await readDeviceKey(db);
  if (stored) return stored;
  // Made outside the transaction: WebCrypto is asynchronous and would let it commit.
  const made = await create();
  const meta = keyMetaOf(db);
  try {
    return await db.transaction('rw', meta, async () => {
      const row = await meta.get('deviceKey');
      if (row?.key === 'deviceKey') return row.value;
      await meta.put({ key: 'deviceKey', value: made });
      return made;
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

export async function readDeviceKey(db: SakhiDatabase): Promise<DeviceKeyPair | null> {
  try {
    const row = await keyMetaOf(db).get('deviceKey');
    return row?.key === 'deviceKey' ? row.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Forgets the device key, for when the server no longer knows it (`device_key_mismatch`)
 * or the tablet is wiped: the next `ensureDeviceKey` makes a new pair, which must go with
 * a new device id.
 */
export async function forgetDeviceKey(db: SakhiDatabase): Promise<void> {
  try {
    await keyMetaOf(db).delete('deviceKey');
  } catch (error) {
    throw toStoreError(error);
  }
}
