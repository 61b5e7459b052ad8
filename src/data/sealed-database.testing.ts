/**
 * A data key for tests, and the sealed database over fake-indexeddb that the unlocked
 * app would open with it (unsealed-store.ts).
 */
import { openSealedDatabase, type SealedDatabase } from './unsealed-store.ts';

/** 32 fixed bytes: tests only. A tablet's key comes from the server (sign-in answer). */
export const testDataKey: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

export function openTestSealedDatabase(
  name: string,
  dataKey: Uint8Array = testDataKey,
): Promise<SealedDatabase> {
  return openSealedDatabase(name, dataKey);
}
