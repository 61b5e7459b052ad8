/**
 * The `meta` rows that hold the tablet's keys: `deviceKey`, `keyring` and `sealingKey`.
 * Only device-key-store.ts and key-vault.ts read or write them, through `keyMetaOf`.
 *
 * They are kept apart from database.ts's `MetaRow` union for now; `meta` indexes only
 * `key`, so new keys need no database version, and the cast in `keyMetaOf` holds as long
 * as no other module writes these three keys with another shape.
 */
import type { EntityTable } from 'dexie';
import type { DeviceKeyPair } from '../platform/device-key.ts';
import type { PinWrapping } from '../platform/pin-key.ts';
import type { SakhiDatabase } from './database.ts';

/** One staff member's way in: the data key wrapped under her PIN (pin-key.ts). */
export interface KeyringUser extends PinWrapping {
  readonly username: string;
  readonly displayName: string;
}

export interface Keyring {
  /** By user id: who may unlock this tablet offline. Emptied by the wrong-PIN lockout. */
  readonly users: Readonly<Record<string, KeyringUser>>;
  /**
   * Wrong PINs in a row on this tablet, whoever typed them; written before each try
   * is derived, so a try the app was killed during still counts.
   */
  readonly failedAttempts: number;
  /** The centre whose data key the wrappings hold; null for a headquarters tablet. */
  readonly centreId: string | null;
}

export type KeyMetaRow =
  | { readonly key: 'deviceKey'; readonly value: DeviceKeyPair }
  | { readonly key: 'keyring'; readonly value: Keyring }
  /** Headquarters' X25519 public key, base64url, pinned at sign-in. */
  | { readonly key: 'sealingKey'; readonly value: { readonly key: string } };

export function keyMetaOf(db: SakhiDatabase): EntityTable<KeyMetaRow, 'key'> {
  return db.meta as unknown as EntityTable<KeyMetaRow, 'key'>;
}
