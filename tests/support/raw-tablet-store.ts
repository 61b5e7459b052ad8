/**
 * The tablet's IndexedDB as someone who copied the browser's folder would read it: plain
 * IndexedDB opened from the page, never the app's code, every store, every key and row.
 * Then a search of all of it for secrets, in every encoding a reader could try.
 *
 *   const dump = await readRawTabletStore(page);
 *   expect(findLeaks(dump, ['ज़ेबुन्निसा', '9812345670'])).toEqual([]);
 *
 * What must stay true: a value the dump cannot represent fails the read (never skipped),
 * so "no leak found" always means every stored byte was searched.
 */
import type { Page } from 'playwright-core';

/** A stored value with binary as base64 (`{ bytes }`) and CryptoKeys as their description. */
export type RawValue =
  | string
  | number
  | boolean
  | null
  | { readonly bytes: string }
  | { readonly cryptoKey: string }
  | readonly RawValue[]
  | { readonly [name: string]: RawValue };

export interface RawRow {
  readonly key: RawValue;
  readonly value: RawValue;
}

export type RawTabletStore = Readonly<Record<string, readonly RawRow[]>>;

export function readRawTabletStore(page: Page, databaseName = 'sakhi'): Promise<RawTabletStore> {
  return page.evaluate(
    (name) =>
      new Promise<RawTabletStore>((resolve, reject) => {
        const toBase64 = (bytes: Uint8Array) => {
          let binary = '';
          for (const byte of bytes) binary += String.fromCharCode(byte);
          return btoa(binary);
        };
        const toRaw = (value: unknown): RawValue => {
          if (value === null || value === undefined) return null;
          if (
            typeof value === 'string' ||
            typeof value === 'number' ||
            typeof value === 'boolean'
          ) {
            return value;
          }
          if (value instanceof Date) return value.toISOString();
          if (value instanceof ArrayBuffer) return { bytes: toBase64(new Uint8Array(value)) };
          if (ArrayBuffer.isView(value)) {
            return {
              bytes: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)),
            };
          }
          if (value instanceof CryptoKey) {
            return {
              cryptoKey: `${value.type} ${JSON.stringify(value.algorithm)} extractable=${String(value.extractable)}`,
            };
          }
          if (Array.isArray(value)) return value.map(toRaw);
          if (value instanceof Map || value instanceof Set || value instanceof Blob) {
            throw new Error(`a stored ${value.constructor.name}: teach the raw read to show it`);
          }
          if (typeof value === 'object') {
            return Object.fromEntries(
              Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
                key,
                toRaw(inner),
              ]),
            );
          }
          throw new Error(`a stored ${typeof value}: teach the raw read to show it`);
        };
        const open = indexedDB.open(name);
        // Never create the database: only the app may, at its own version.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const storeNames = [...db.objectStoreNames];
          const transaction = db.transaction(storeNames);
          const dump: Record<string, RawRow[]> = {};
          for (const storeName of storeNames) {
            const store = transaction.objectStore(storeName);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => {
              try {
                dump[storeName] = values.result.map((value, index) => ({
                  key: toRaw(keys.result[index]),
                  value: toRaw(value),
                }));
              } catch (error) {
                transaction.abort();
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            };
          }
          transaction.oncomplete = () => {
            db.close();
            resolve(dump);
          };
          transaction.onerror = () => {
            db.close();
            reject(transaction.error ?? new Error('raw read failed'));
          };
        };
      }),
    databaseName,
  );
}

export interface Leak {
  readonly secret: string;
  readonly form: string;
  readonly store: string;
}

/**
 * Every secret found anywhere in the dump: as text (any case, Unicode normalisation, URI
 * encoding), and in every byte blob and every base64/base64url run (decoded at each
 * alignment) as UTF-8, UTF-16LE or UTF-16BE.
 */
export function findLeaks(dump: RawTabletStore, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [store, rows] of Object.entries(dump)) {
    const texts: string[] = [];
    const blobs: Buffer[] = [];
    for (const row of rows) {
      collect(row.key, texts, blobs);
      collect(row.value, texts, blobs);
    }
    for (const text of [...texts]) {
      texts.push(safeDecodeUri(text));
      for (const run of text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
        blobs.push(...decodeBase64Run(run));
      }
    }
    blobs.push(...texts.map((text) => Buffer.from(text, 'utf8')));
    const haystackText = texts.join('\n').toLowerCase();
    const haystackBytes = blobs.map((blob) => [blob, lowerAscii(blob)] as const);
    for (const secret of secrets) {
      for (const [form, needle] of textForms(secret)) {
        if (haystackText.includes(needle.toLowerCase())) leaks.push({ secret, form, store });
      }
      for (const [form, needle] of byteForms(secret)) {
        if (
          haystackBytes.some(([blob, lower]) => blob.includes(needle) || lower.includes(needle))
        ) {
          leaks.push({ secret, form, store });
        }
      }
    }
  }
  return leaks;
}

function collect(value: RawValue, texts: string[], blobs: Buffer[]): void {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    texts.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const inner of value as readonly RawValue[]) collect(inner, texts, blobs);
    return;
  }
  const record = value as Record<string, RawValue>;
  if (typeof record.bytes === 'string' && Object.keys(record).length === 1) {
    blobs.push(Buffer.from(record.bytes, 'base64'));
    return;
  }
  for (const [name, inner] of Object.entries(record)) {
    texts.push(name);
    collect(inner, texts, blobs);
  }
}

function textForms(secret: string): [string, string][] {
  return [
    ['text', secret],
    ['NFC', secret.normalize('NFC')],
    ['NFD', secret.normalize('NFD')],
    ['URI-encoded', encodeURIComponent(secret)],
    ['base64 (whole)', Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '')],
    ['base64url (whole)', Buffer.from(secret, 'utf8').toString('base64url')],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['\\u-escaped', escapeUnicode(secret)],
  ];
}

function byteForms(secret: string): [string, Buffer][] {
  const forms: [string, Buffer][] = [];
  for (const variant of new Set([secret, secret.toLowerCase(), secret.toUpperCase()])) {
    forms.push(['UTF-8', Buffer.from(variant, 'utf8')]);
    forms.push(['UTF-16LE', Buffer.from(variant, 'utf16le')]);
    forms.push(['UTF-16BE', Buffer.from(variant, 'utf16le').swap16()]);
  }
  return forms;
}

function decodeBase64Run(run: string): Buffer[] {
  const decoded: Buffer[] = [];
  for (let start = 0; start < 4; start += 1) {
    const part = run.slice(start).replace(/=+$/, '');
    decoded.push(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  return decoded;
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeUnicode(text: string): string {
  return [...text]
    .map((char) =>
      char.charCodeAt(0) > 127 ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char,
    )
    .join('');
}

function lowerAscii(blob: Buffer): Buffer {
  const lower = Buffer.from(blob);
  for (let index = 0; index < lower.length; index += 1) {
    const byte = lower[index]!;
    if (byte >= 0x41 && byte <= 0x5a) lower[index] = byte + 0x20;
  }
  return lower;
}
