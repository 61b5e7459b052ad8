/**
 * UUIDv7 (RFC 9562): 48 bits of Unix time in ms, then random bits, with the version (7)
 * and variant (10xx) bits set. Ids made later sort after ids made earlier, so a record's
 * id says roughly when it was made and an index on ids is also an index on creation time.
 * Tablets make them for records and mutations, the server for the conflicts it keeps.
 *
 * What must always hold: the random bytes come from a cryptographic source
 * (crypto.getRandomValues on the tablet, node:crypto on the server), never Math.random,
 * because two tablets make ids with no coordination and only randomness keeps them apart.
 * The caller passes them in, so this stays pure and runs the same everywhere.
 */

/** Bytes of randomness a UUIDv7 takes: all 16, of which the time and version bits are overwritten. */
export const uuidv7RandomBytes = 16;

/** The UUIDv7 for `timeMs` (ms since the Unix epoch) and 16 random bytes. */
export function formatUuidv7(timeMs: number, random: Uint8Array): string {
  if (random.length !== uuidv7RandomBytes) {
    throw new RangeError(`a UUIDv7 needs ${uuidv7RandomBytes} random bytes, got ${random.length}`);
  }
  const bytes = Uint8Array.from(random);
  let time = Math.max(0, Math.floor(timeMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time (ms since the Unix epoch) written into a UUIDv7. */
export function timeOfUuidv7(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
