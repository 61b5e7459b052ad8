/**
 * The outbox as the sync engine sees it (SyncOutbox, sync-store-ports.ts): what to push,
 * what headquarters acknowledged, what it refused.
 *
 * What must always hold:
 * - A row leaves the outbox only when headquarters acknowledged its mutation id
 *   (`applied` or `duplicate`). No error path deletes a row: every change here is one
 *   Dexie transaction that either commits whole or leaves everything as it was.
 * - A refused row stays, with the server's code and bilingual reason, out of the push
 *   queue until a person retries it (a refusal never blocks the rows behind it).
 * - Re-stamping (after `stamp_too_far_ahead`) gives every unacknowledged mutation a fresh
 *   stamp, in save order, and moves the stored record's field to the new stamp wherever
 *   the field still holds the old one, in the same transaction: the local copy and the
 *   mutation that goes up never disagree. Bases stay: they say what the tablet had seen.
 */
import type { HybridClock, Stamp } from '../domain/hlc.ts';
import type { FieldMap, FieldState } from '../domain/merge.ts';
import type { Mutation } from '../domain/protocol.ts';
import type { OutboxRejection, OutboxRow, SakhiDatabase } from './database.ts';
import { readCorrectedNow, storeClock } from './stored-clock.ts';
import { raiseServerStampFloor, readServerStampFloor, tableOf } from './sync-state.ts';
import { toStoreError } from './store-errors.ts';
import type { RejectedMutation, SyncOutbox } from './sync-store-ports.ts';

/** A refused change, for the screen that shows them. */
export interface RejectedChange extends OutboxRejection {
  readonly seq: number;
  readonly mutation: Mutation;
}

/** The engine's outbox, and what the rejected-changes screen asks of it. */
export interface SyncOutboxStore extends SyncOutbox {
  /** Puts a refused row back in the push queue; false if no such row is waiting. */
  retryRejected(mutationId: string): Promise<boolean>;
  /** Refused rows, oldest refusal first. */
  listRejected(): Promise<RejectedChange[]>;
}

export interface SyncOutboxOptions {
  readonly db: SakhiDatabase;
  /** The device's clock: the one local saves stamp with. */
  readonly clock: HybridClock;
  /** The corrected time, for `rejectedAt`; default: the clock's (readCorrectedNow). */
  readonly now?: () => Date;
}

export function openSyncOutbox(options: SyncOutboxOptions): SyncOutboxStore {
  const { db, clock } = options;
  const now = options.now ?? (() => readCorrectedNow(clock));
  const guarded =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await work(...args);
      } catch (error) {
        throw toStoreError(error);
      }
    };

  return {
    readPending: guarded(async (limit: number) => {
      const rows = await db.outbox
        .orderBy('seq')
        .filter((row) => row.rejection === undefined)
        .limit(limit)
        .toArray();
      return rows.map(mutationOf);
    }),

    acknowledge: guarded(async (mutationIds: readonly string[]) => {
      if (mutationIds.length === 0) return;
      await db.transaction('rw', db.outbox, db.meta, async () => {
        const rows = await db.outbox.where('id').anyOf(mutationIds).toArray();
        await removeAcknowledged(db, rows, greatestStampOf(rows));
      });
    }),

    markRejected: guarded(async (rejections: readonly RejectedMutation[]) => {
      if (rejections.length === 0) return;
      const rejectedAt = now().toISOString();
      await db.transaction('rw', db.outbox, async () => {
        for (const { mutationId, code, reason } of rejections) {
          const row = await db.outbox.where('id').equals(mutationId).first();
          if (row) await db.outbox.put({ ...row, rejection: { code, reason, rejectedAt } });
        }
      });
    }),

    restampPending: guarded(async () => {
      const before = clock.snapshot().last;
      try {
        await db.transaction(
          'rw',
          [db.outbox, db.cases, db.entries, db.conflicts, db.meta],
          async () => {
            // Every stamp above the floor is this tablet's own and unacknowledged (the
            // outbox below), so forgetting them is safe; the stored snapshot is overwritten.
            clock.rewind(await readServerStampFloor(db));
            // Refused rows too: none of them was accepted, and a clock rewound below their
            // stamps must not leave them ahead of everything written after.
            const rows = await db.outbox.orderBy('seq').toArray();
            for (const row of rows) await restampRow(db, row, clock.now());
            await storeClock(db, clock);
          },
        );
      } catch (error) {
        // Nothing was re-stamped: the clock must again stand above the stamps still stored.
        if (before !== null) clock.observe(before);
        throw error;
      }
    }),

    retryRejected: guarded(async (mutationId: string) => {
      return db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.where('id').equals(mutationId).first();
        if (!row || row.rejection === undefined) return false;
        await db.outbox.put(withoutRejection(row));
        return true;
      });
    }),

    listRejected: guarded(async () => {
      const rows = await db.outbox.orderBy('rejection.rejectedAt').toArray();
      return rows.map((row) => ({ ...row.rejection!, seq: row.seq!, mutation: mutationOf(row) }));
    }),
  };
}

function mutationOf({ id, recordType, recordId, caseId, fields }: OutboxRow): Mutation {
  return { id, recordType, recordId, caseId, fields };
}

function withoutRejection(row: OutboxRow): OutboxRow {
  const { rejection: _rejection, ...waiting } = row;
  return waiting;
}

function greatestStampOf(rows: readonly OutboxRow[]): Stamp | null {
  let greatest: Stamp | null = null;
  for (const row of rows) {
    for (const field of Object.values(row.fields)) {
      if (greatest === null || field.stamp > greatest) greatest = field.stamp;
    }
  }
  return greatest;
}

/**
 * Removes acknowledged rows; call inside a transaction over outbox and meta. Shared with
 * the locked outbox (locked-outbox.ts), which reads only rows' clear columns: `db` may be
 * the unsealed database or a raw one, and nothing here reads a sealed part.
 */
export async function removeAcknowledged(
  db: SakhiDatabase,
  rows: readonly Pick<OutboxRow, 'seq' | 'caseId'>[],
  greatestStamp: Stamp | null,
): Promise<void> {
  await db.outbox.bulkDelete(rows.map((row) => row.seq!));
  // Headquarters now holds these stamps: a rewound clock must stay above them, or a
  // later write of the same field would lose to an earlier one from this very tablet.
  await raiseServerStampFloor(db, greatestStamp);
  await requeueWaitingForCases(
    db,
    rows.map((row) => row.caseId),
  );
}

/**
 * docs/sync-protocol.md: a mutation refused as `unknown_case` (an entry, or an edit of a
 * case, that reached headquarters before the case itself, e.g. when the case's own push
 * was refused as too far ahead) goes up again once its case has. Any acknowledged
 * mutation of the case proves that (headquarters refuses an entry or edit of a case it
 * does not hold), so the record type, sealed on the row, need not be read.
 */
async function requeueWaitingForCases(db: SakhiDatabase, caseIds: readonly string[]) {
  if (caseIds.length === 0) return;
  const waiting = await db.outbox
    .where('caseId')
    .anyOf(caseIds)
    .filter((row) => row.rejection?.code === 'unknown_case')
    .toArray();
  if (waiting.length > 0) await db.outbox.bulkPut(waiting.map(withoutRejection));
}

/**
 * One stamp per mutation, as at save time: its fields were written together. Its box for
 * headquarters holds the old stamps, so it goes; the next sealing pass makes a new one.
 */
async function restampRow(db: SakhiDatabase, row: OutboxRow, stamp: Stamp) {
  const fields: Mutation['fields'] = Object.fromEntries(
    Object.entries(row.fields).map(([name, field]) => [name, { ...field, stamp }]),
  );
  const { forServer: _staleBox, ...unboxed } = row;
  await db.outbox.put({ ...unboxed, fields });
  const moved = (stored: FieldMap) => restampedFields(stored, row.fields, stamp);
  const table = tableOf(row.recordType);
  if (table === 'cases') {
    const record = await db.cases.get(row.recordId);
    const next = record && moved(record.fields);
    if (next) await db.cases.put({ ...record, fields: next });
  } else if (table === 'entries') {
    const record = await db.entries.get(row.recordId);
    const next = record && moved(record.fields);
    if (next) await db.entries.put({ ...record, fields: next });
  } else {
    const record = await db.conflicts.get(row.recordId);
    const next = record && moved(record.fields);
    if (next) await db.conflicts.put({ ...record, fields: next });
  }
}

/**
 * The stored fields with `stamp` wherever a field still holds the mutation's old stamp (a
 * later save or a pulled newer value has replaced the others); null when none does.
 */
function restampedFields(
  stored: FieldMap,
  written: Mutation['fields'],
  stamp: Stamp,
): FieldMap | null {
  const next: Record<string, FieldState> = { ...stored };
  let isChanged = false;
  for (const [name, field] of Object.entries(written)) {
    const current = Object.hasOwn(stored, name) ? stored[name] : undefined;
    if (current?.stamp !== field.stamp) continue;
    next[name] = { value: current.value, stamp };
    isChanged = true;
  }
  return isChanged ? next : null;
}
