/**
 * New ids on the tablet: the domain's UUIDv7 (src/domain/uuidv7.ts) over
 * crypto.getRandomValues, available in the page, the service worker and Node.
 */
import { formatUuidv7, uuidv7RandomBytes } from '../domain/uuidv7.ts';

/** A new UUIDv7 for `timeMs` (default: now); pass the corrected clock time when there is one. */
export function uuidv7(timeMs: number = Date.now()): string {
  return formatUuidv7(timeMs, globalThis.crypto.getRandomValues(new Uint8Array(uuidv7RandomBytes)));
}
