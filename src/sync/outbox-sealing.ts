/**
 * The sealing pass: every outbox row of the unlocked app that has no box for headquarters
 * yet gets one (`sealMutation`), so the locked tablet (locked-push.ts) can still send it.
 *
 * When it runs: after each save, at unlock and before each session sync run. Sealing is
 * WebCrypto, asynchronous, so it cannot be part of the save's own transaction: a row saved
 * just before the app was closed or locked has no box until the next unlock. Until then
 * the locked push stops at it (a later save never overtakes an earlier one).
 */
import type { SakhiDatabase } from '../data/database.ts';
import { openKeyVault } from '../data/key-vault.ts';
import { readUnboxedOutbox, storeServerBoxes, type MadeBox } from '../data/server-boxes.ts';
import { sealMutation } from './sealed-push.ts';

export interface SealOutboxInput {
  /** The unsealed database (the data key in memory). */
  readonly db: SakhiDatabase;
  readonly deviceId: string;
}

/**
 * Returns how many rows got a box; 0 when no sealing key has been pinned yet (signed in
 * before locked pushes existed): those rows wait for the session push.
 */
export async function sealOutboxForServer(input: SealOutboxInput): Promise<number> {
  const { db, deviceId } = input;
  const sealingKey = await openKeyVault(db).sealingKey();
  if (sealingKey === null) return 0;
  const unboxed = await readUnboxedOutbox(db);
  const boxes: MadeBox[] = [];
  for (const { seq, savedBy, mutation, stamp } of unboxed) {
    const { sealed } = await sealMutation({ sealingKey, deviceId, userId: savedBy, mutation });
    boxes.push({ seq, stamp, box: sealed });
  }
  return storeServerBoxes(db, boxes);
}
