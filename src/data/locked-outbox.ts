/**
 * The outbox as the locked tablet's push sees it (src/sync/locked-push.ts): no data key,
 * so only each row's clear columns — seq, mutation id, case id, its box for headquarters
 * and the box's stamp, a refusal's code and time.
 *
 * What must always hold:
 * - Nothing here opens or rewrites a row's sealed part: rows are read as stored (a raw
 *   database, `rawRows`), and a write changes clear columns only, `sealed` kept as it is.
 * - Boxes go up in outbox order, and the first waiting row without a box ends the batch:
 *   a later save never reaches headquarters before an earlier one.
 * - Acknowledged rows leave exactly as after a session push (`removeAcknowledged`).
 * - A refused row stays, out of the queue, as after a session push. Its reason (the
 *   server's words, naming a field or record type, never a value) arrives while no key can
 *   seal it: it stays clear on the row until the next unlock's sealing pass seals it.
 */
import type { Stamp } from '../domain/hlc.ts';
import type { SealedMutation } from '../domain/sealed-push-protocol.ts';
import { SakhiDatabase, type OutboxRow } from './database.ts';
import { rawRows } from './legacy-sealing.ts';
import { toStoreError } from './store-errors.ts';
import { removeAcknowledged } from './sync-outbox.ts';
import type { RejectedMutation } from './sync-store-ports.ts';
import { TABLET_DATABASE_NAME } from './database-names.ts';

/** An outbox row's clear columns as stored; its record payload is inside `sealed`. */
type StoredOutboxRow = Pick<
  OutboxRow,
  'seq' | 'id' | 'caseId' | 'queuedAt' | 'savedBy' | 'forServer' | 'rejection'
>;

export interface LockedOutbox {
  /** The first `limit` waiting boxes in outbox order, up to the first row without one. */
  readBoxes(limit: number): Promise<SealedMutation[]>;
  acknowledge(mutationIds: readonly string[]): Promise<void>;
  markRejected(rejections: readonly RejectedMutation[]): Promise<void>;
  /** Every row still in the outbox, waiting or refused. */
  countRows(): Promise<number>;
  close(): void;
}

export interface LockedOutboxOptions {
  readonly databaseName?: string;
  /** The corrected time, for when a refusal arrived. */
  readonly now: () => Date;
}

export async function openLockedOutbox(options: LockedOutboxOptions): Promise<LockedOutbox> {
  const db = new SakhiDatabase(options.databaseName ?? TABLET_DATABASE_NAME, { rows: rawRows });
  try {
    await db.open();
  } catch (error) {
    throw toStoreError(error);
  }
  const outbox = db.table<StoredOutboxRow, number>('outbox');
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error);
    }
  };
  return {
    readBoxes: (limit) =>
      guarded(async () => {
        const boxes: SealedMutation[] = [];
        let isBlocked = false;
        await outbox
          .orderBy('seq')
          .filter((row) => row.rejection === undefined)
          .until(() => isBlocked || boxes.length >= limit)
          .each((row) => {
            if (row.forServer === undefined) isBlocked = true;
            else boxes.push({ id: row.id, sealed: row.forServer.box });
          });
        return boxes;
      }),
    acknowledge: (mutationIds) =>
      guarded(async () => {
        if (mutationIds.length === 0) return;
        await db.transaction('rw', outbox, db.meta, async () => {
          const rows = await outbox.where('id').anyOf(mutationIds).toArray();
          await removeAcknowledged(db, rows, greatestBoxStamp(rows));
        });
      }),
    markRejected: (rejections) =>
      guarded(async () => {
        if (rejections.length === 0) return;
        const rejectedAt = options.now().toISOString();
        await db.transaction('rw', outbox, async () => {
          for (const { mutationId, code, reason } of rejections) {
            const row = await outbox.where('id').equals(mutationId).first();
            if (row) await outbox.put({ ...row, rejection: { code, reason, rejectedAt } });
          }
        });
      }),
    countRows: () => guarded(() => outbox.count()),
    close: () => db.close(),
  };
}

function greatestBoxStamp(rows: readonly StoredOutboxRow[]): Stamp | null {
  let greatest: Stamp | null = null;
  for (const row of rows) {
    const stamp = row.forServer?.stamp;
    if (stamp !== undefined && (greatest === null || stamp > greatest)) greatest = stamp;
  }
  return greatest;
}
