/**
 * Sealing one stored row's secret part with the tablet's data key.
 *
 * What must always hold:
 * - Format: iv (12 random bytes, fresh for every seal) || AES-256-GCM ciphertext || tag
 *   (16 bytes), over the UTF-8 JSON of the value, with `<store>\n<row id>` as additional
 *   data: a sealed value copied onto another row, or into another store, does not open.
 * - `open` either returns exactly what was sealed or throws a StoreError
 *   (`sealed_row_refused`): a tampered row, the wrong key or a moved value never yields
 *   garbage.
 * - Both calls are synchronous (@noble/ciphers), so they run inside an IndexedDB
 *   transaction: an await on WebCrypto there would let the transaction commit early.
 *   `openMany` may use WebCrypto, for reads outside any transaction (same format).
 * - `forget()` zeroes the key; the sealer refuses everything after it (lock).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { lockedStore, sealedRowRefused } from './store-errors.ts';

const ivBytes = 12;
const tagBytes = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface RowSealer {
  seal(store: string, id: string, value: unknown): Uint8Array;
  open(store: string, id: string, sealed: Uint8Array): unknown;
  /** The same as `open` for many rows, outside transactions; faster where WebCrypto is. */
  openMany(store: string, rows: readonly { id: string; sealed: Uint8Array }[]): Promise<unknown[]>;
  /** Zeroes the key: the app is locked. */
  forget(): void;
}

export function createRowSealer(dataKey: Uint8Array): RowSealer {
  if (dataKey.length !== 32) throw new RangeError('the data key must be 32 bytes');
  const key = Uint8Array.from(dataKey);
  let isForgotten = false;
  let webKey: Promise<CryptoKey | null> | null = null;
  const checkKey = () => {
    if (isForgotten) throw lockedStore();
  };
  const open = (store: string, id: string, sealed: Uint8Array): unknown => {
    checkKey();
    if (!(sealed instanceof Uint8Array) || sealed.length < ivBytes + tagBytes) {
      throw sealedRowRefused(store, id);
    }
    try {
      const plain = gcm(key, sealed.subarray(0, ivBytes), aadOf(store, id)).decrypt(
        sealed.subarray(ivBytes),
      );
      return JSON.parse(decoder.decode(plain));
    } catch (error) {
      throw sealedRowRefused(store, id, error);
    }
  };
  return {
    seal: (store, id, value) => {
      checkKey();
      const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
      const sealed = gcm(key, iv, aadOf(store, id)).encrypt(encoder.encode(JSON.stringify(value)));
      const row = new Uint8Array(ivBytes + sealed.length);
      row.set(iv);
      row.set(sealed, ivBytes);
      return row;
    },
    open,
    openMany: async (store, rows) => {
      checkKey();
      webKey ??= importWebKey(key);
      const cryptoKey = await webKey;
      if (cryptoKey === null) return rows.map((row) => open(store, row.id, row.sealed));
      return Promise.all(
        rows.map(async ({ id, sealed }) => {
          checkKey();
          try {
            const plain = await crypto.subtle.decrypt(
              { name: 'AES-GCM', iv: sealed.slice(0, ivBytes), additionalData: aadOf(store, id) },
              cryptoKey,
              sealed.slice(ivBytes),
            );
            return JSON.parse(decoder.decode(plain)) as unknown;
          } catch (error) {
            throw sealedRowRefused(store, id, error);
          }
        }),
      );
    },
    forget: () => {
      isForgotten = true;
      key.fill(0);
      webKey = null;
    },
  };
}

function aadOf(store: string, id: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${store}\n${id}`);
}

async function importWebKey(key: Uint8Array): Promise<CryptoKey | null> {
  if (typeof crypto === 'undefined' || crypto.subtle === undefined) return null;
  try {
    return await crypto.subtle.importKey('raw', Uint8Array.from(key), 'AES-GCM', false, [
      'decrypt',
    ]);
  } catch {
    return null;
  }
}
