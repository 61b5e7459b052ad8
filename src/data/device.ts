/**
 * This tablet's identity: a device id (UUIDv7, made on first run) that ends every stamp
 * it issues, and a device tag that keeps its case numbers apart from other tablets'.
 *
 * Until the server registers the device (at sign-in) the tag is provisional: a
 * random 4-character tag, `deviceTagForIndex(i)` for a random i ≥ 1024 + 32³. The server
 * hands out tags in order from index 0 per district: 2 characters for the first 1,024
 * devices, 3 for the next 32,768. A district would need 33,792 registered devices before
 * the server reached 4-character tags, so a provisional tag can never equal one the server
 * gave. Two unregistered tablets of one district could draw the same tag (about 1 in 10⁶
 * per pair); the case id, not the number, identifies a case, and registration replaces
 * the tag for cases registered after it: the server's tag arrives with the session
 * (session.ts), and `LocalStore.caseStore` numbers new cases with it.
 */
import { deviceTagForIndex } from '../domain/case-number.ts';
import type { Instant } from '../domain/india-time.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { SakhiDatabase } from './database.ts';

export interface DeviceIdentity {
  readonly id: string;
  readonly tag: string;
  readonly createdAt: Instant;
}

const firstProvisionalTagIndex = 32 ** 2 + 32 ** 3;
const provisionalTagCount = 32 ** 4;

/** A random 4-character tag that no server-assigned tag can equal (see the header). */
export function provisionalDeviceTag(random: () => number = randomUint32): string {
  return deviceTagForIndex(firstProvisionalTagIndex + (random() % provisionalTagCount));
}

function randomUint32(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/** The device identity, made and stored on first run; the same on every later call. */
export async function ensureDeviceIdentity(
  db: SakhiDatabase,
  now: () => Date = () => new Date(),
): Promise<DeviceIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await db.meta.get('device');
    if (stored?.key === 'device') return stored.value;
    const device = { id: uuidv7(), tag: provisionalDeviceTag(), createdAt: now().toISOString() };
    await db.meta.put({ key: 'device', value: device });
    return device;
  });
}
