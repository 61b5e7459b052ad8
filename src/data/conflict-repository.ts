/**
 * A manager's answer to a conflict headquarters kept (domain/conflicts.ts): keep the
 * current value, or reinstate the one that lost.
 *
 * What must always hold:
 * - A resolution is a normal local save: the record's field (when reinstating), the
 *   conflict's resolution and their outbox mutations are written in ONE transaction
 *   (write-transaction.ts), so both go up together or neither happened.
 * - Reinstating writes the losing value again with a fresh stamp, so it wins the merge
 *   everywhere; for an edit that reached a removed record (field `deleted`), the edits
 *   already merged underneath the tombstone, so reinstating undoes the removal.
 * - Only a manager resolves (headquarters refuses anyone else, sync-scope.ts); the screen
 *   shows conflicts only to managers, and this refuses too, before anything is written.
 */
import type { Conflict } from '../domain/conflicts.ts';
import { tombstoneField, valuesOf } from '../domain/merge.ts';
import type { RecordType } from '../domain/protocol.ts';
import { writeCaseChanges } from './case-repository.ts';
import { StoreError } from './case-store.ts';
import type { SakhiDatabase } from './database.ts';
import { saveEntryRow } from './entry-repository.ts';
import { buildConflictRow, buildEntryRow } from './row-columns.ts';
import { notFound, toStoreError } from './store-errors.ts';
import { tableOf } from './sync-state.ts';
import {
  inWriteTransaction,
  queueMutation,
  stampChanges,
  type StoreContext,
} from './write-transaction.ts';

export type ConflictResolution = 'kept' | 'reinstated';

/** One open conflict, as the sync status screen lists it. */
export interface OpenConflict {
  readonly id: string;
  readonly caseId: string;
  /** Null when the case is not on this tablet (yet). */
  readonly caseNumber: string | null;
  readonly recordType: string;
  readonly recordId: string;
  readonly field: string;
  /** The value that lost the merge and is kept here. */
  readonly value: unknown;
  readonly deviceId: string;
  /** The staff member who wrote the losing value, when headquarters knows. */
  readonly writtenBy: string | null;
  /** When headquarters detected it (ISO-8601 UTC). */
  readonly detectedAt: string;
}

/** Open conflicts on this tablet's cases, newest first. */
export async function listOpenConflicts(db: SakhiDatabase): Promise<OpenConflict[]> {
  try {
    const rows = await db.conflicts.where('isOpen').equals(1).toArray();
    const cases = await db.cases.bulkGet([...new Set(rows.map((row) => row.caseId))]);
    const numbers = new Map(cases.flatMap((row) => (row ? [[row.id, row.caseNumber]] : [])));
    return rows
      .map((row) => {
        const conflict = valuesOf(row.fields) as Conflict;
        return {
          id: row.id,
          caseId: row.caseId,
          caseNumber: numbers.get(row.caseId) ?? null,
          recordType: conflict.recordType,
          recordId: conflict.recordId,
          field: conflict.field,
          value: conflict.value,
          deviceId: conflict.deviceId,
          writtenBy: conflict.writtenBy,
          detectedAt: conflict.detectedAt,
        };
      })
      .sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
  } catch (error) {
    throw toStoreError(error);
  }
}

export function resolveConflict(
  ctx: StoreContext,
  conflictId: string,
  resolution: ConflictResolution,
): Promise<void> {
  if (ctx.staff.role !== 'manager') return Promise.reject(notManager());
  return inWriteTransaction(
    ctx,
    async () => {
      const row = await ctx.db.conflicts.get(conflictId);
      if (!row || row.isOpen === 0) throw notFound('case', row?.caseId ?? conflictId);
      const conflict = valuesOf(row.fields) as Conflict;
      if (resolution === 'reinstated') await reinstate(ctx, conflict);
      const { fields, mutation } = stampChanges(
        ctx,
        { recordType: 'conflict', recordId: row.id, caseId: row.caseId },
        row.fields,
        { resolution, resolvedBy: ctx.staff.userId, resolvedAt: ctx.now().toISOString() },
      );
      await ctx.db.conflicts.put(buildConflictRow(fields));
      await queueMutation(ctx, mutation);
    },
    { withConflicts: true },
  );
}

async function reinstate(ctx: StoreContext, conflict: Conflict) {
  // The edits of an edit-after-removal merged underneath the tombstone: lifting it restores them.
  const value = conflict.field === tombstoneField ? false : conflict.value;
  const caseRow = await ctx.db.cases.get(conflict.caseId);
  if (!caseRow) throw notFound('case', conflict.caseId);
  const recordType = conflict.recordType as RecordType;
  if (tableOf(recordType) === 'cases') {
    await writeCaseChanges(ctx, caseRow, { [conflict.field]: value });
    return;
  }
  const entryRow = await ctx.db.entries.get(conflict.recordId);
  if (!entryRow) throw notFound('entry', conflict.recordId);
  const { fields, mutation } = stampChanges(
    ctx,
    { recordType, recordId: entryRow.id, caseId: entryRow.caseId },
    entryRow.fields,
    { [conflict.field]: value },
  );
  await saveEntryRow(ctx, caseRow, buildEntryRow(entryRow.entryType, fields), mutation);
}

function notManager(): StoreError {
  return new StoreError('invalid_record', {
    hi: 'टकराव केवल केंद्र प्रबंधक सुलझा सकती हैं।',
    en: 'Only the centre manager can resolve a conflict.',
  });
}
