/**
 * Outbox rows sealed for headquarters, the unlocked side: which rows still need a box,
 * and storing the boxes made for them (sealing itself is WebCrypto, asynchronous, so it
 * happens between these two calls, outside any transaction; src/sync/outbox-sealing.ts).
 *
 * What must always hold:
 * - A box is stored only on the row it was made for and only while that row still holds
 *   the very mutation sealed in it (same stamp): a row re-stamped in between keeps no box
 *   and gets one in the next pass.
 * - `db` is the unsealed database: rows are read and written through the seal.
 */
import type { Stamp } from '../domain/hlc.ts';
import type { Mutation } from '../domain/protocol.ts';
import type { SealedBox } from '../domain/sealed-push-protocol.ts';
import type { OutboxRow, SakhiDatabase } from './database.ts';
import { toStoreError } from './store-errors.ts';

export interface UnboxedMutation {
  readonly seq: number;
  /** Who saved it on this tablet (user id). */
  readonly savedBy: string;
  readonly mutation: Mutation;
  readonly stamp: Stamp;
}

export interface MadeBox {
  readonly seq: number;
  /** The stamp of the mutation as it was sealed. */
  readonly stamp: Stamp;
  readonly box: SealedBox;
}

/**
 * Rows with no box yet, in outbox order. Rows saved before the save recorded who made
 * them have nobody to name: they never get a box and go up with the session push.
 */
export async function readUnboxedOutbox(db: SakhiDatabase): Promise<UnboxedMutation[]> {
  try {
    const rows = await db.outbox
      .orderBy('seq')
      .filter((row) => row.forServer === undefined && row.savedBy !== undefined)
      .toArray();
    return rows.map((row) => ({
      seq: row.seq!,
      savedBy: row.savedBy!,
      mutation: mutationOf(row),
      stamp: stampOf(row),
    }));
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Stores each box on its row, if that row still holds the mutation sealed in it. Also
 * writes every refused row back through the seal, so a reason the locked push kept clear
 * (locked-outbox.ts) is sealed now. Returns how many boxes were stored.
 */
export async function storeServerBoxes(
  db: SakhiDatabase,
  boxes: readonly MadeBox[],
): Promise<number> {
  try {
    return await db.transaction('rw', db.outbox, async () => {
      let stored = 0;
      for (const { seq, stamp, box } of boxes) {
        const row = await db.outbox.get(seq);
        if (!row || row.forServer !== undefined || stampOf(row) !== stamp) continue;
        await db.outbox.put({ ...row, forServer: { box, stamp } });
        stored += 1;
      }
      const refused = await db.outbox.orderBy('rejection.rejectedAt').toArray();
      if (refused.length > 0) await db.outbox.bulkPut(refused);
      return stored;
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

function mutationOf({ id, recordType, recordId, caseId, fields }: OutboxRow): Mutation {
  return { id, recordType, recordId, caseId, fields };
}

/** A save stamps every field it writes with one stamp (write-transaction.ts). */
function stampOf(row: OutboxRow): Stamp {
  let greatest = '';
  for (const field of Object.values(row.fields)) if (field.stamp > greatest) greatest = field.stamp;
  return greatest;
}
