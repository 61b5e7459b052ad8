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
 * - The conflicts of one write (domain/conflict-review.ts: same case, record, losing and
 *   winning stamp) are answered together: every one resolved, each with its own conflict
 *   mutation, in the same single transaction, or none is.
 * - Only a manager resolves (headquarters refuses anyone else, sync-scope.ts); the screen
 *   shows conflicts only to managers, and this refuses too, before anything is written.
 */
import {
  conflictResolutionOf,
  mayResolveConflicts,
  mayWrite,
  type Writer,
} from '../domain/write-rules.ts';
import {
  conflictGroupKey,
  describeConflictWriter,
  groupConflicts,
  isOneWrite,
  type ConflictWriter,
} from '../domain/conflict-review.ts';
import type { Conflict } from '../domain/conflicts.ts';
import type { Stamp } from '../domain/hlc.ts';
import { tombstoneField, valuesOf } from '../domain/merge.ts';
import type { RecordType } from '../domain/protocol.ts';
import { writeCaseChanges } from './case-repository.ts';
import { StoreError } from './case-store.ts';
import type { CaseRow, EntryRow, SakhiDatabase } from './database.ts';
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
  /** Her name on the local case; null when the case is not on this tablet (yet). */
  readonly survivorName: string | null;
  readonly recordType: string;
  readonly recordId: string;
  readonly field: string;
  /** The value that lost the merge and is kept here. */
  readonly value: unknown;
  /** The field's value on this tablet now; undefined when the record is not here. */
  readonly currentValue: unknown;
  readonly stamp: Stamp;
  readonly winningStamp: Stamp;
  readonly deviceId: string;
  /** The staff member who wrote the losing value, when headquarters knows. */
  readonly writtenBy: string | null;
  /** Her display name, when headquarters sent it (older conflicts have none). */
  readonly writtenByName: string | null;
  /** When headquarters detected it (ISO-8601 UTC). */
  readonly detectedAt: string;
}

/** The open conflicts of one write (domain/conflict-review.ts): one card, one answer. */
export interface ConflictGroup {
  /** conflictGroupKey: the case, the record, the losing and the winning stamp. */
  readonly key: string;
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly survivorName: string | null;
  readonly recordType: string;
  readonly recordId: string;
  readonly deviceId: string;
  readonly writtenBy: string | null;
  readonly writtenByName: string | null;
  /** Who wrote the losing values, as the signed-in person should read it. */
  readonly writer: ConflictWriter;
  /** The latest detection among its conflicts. */
  readonly detectedAt: string;
  /** At least one; fields in their record's order. */
  readonly conflicts: readonly OpenConflict[];
}

/** Open conflicts on this tablet's cases, newest first. */
export async function listOpenConflicts(db: SakhiDatabase): Promise<OpenConflict[]> {
  try {
    const rows = await db.conflicts.where('isOpen').equals(1).toArray();
    const conflicts = rows.map((row) => valuesOf(row.fields) as Conflict);
    const cases = await db.cases.bulkGet([...new Set(conflicts.map((c) => c.caseId))]);
    const entryIds = conflicts.flatMap((c) => (isCaseRecord(c) ? [] : [c.recordId]));
    const entries = await db.entries.bulkGet([...new Set(entryIds)]);
    const records = new Map<string, CaseRow | EntryRow>();
    for (const row of [...cases, ...entries]) if (row) records.set(row.id, row);
    return conflicts
      .map((conflict, index): OpenConflict => {
        const caseRow = records.get(conflict.caseId) as CaseRow | undefined;
        const record = records.get(isCaseRecord(conflict) ? conflict.caseId : conflict.recordId);
        return {
          id: rows[index]!.id,
          caseId: conflict.caseId,
          caseNumber: caseRow?.caseNumber ?? null,
          survivorName: (caseRow?.fields.survivorName?.value as string | undefined) ?? null,
          recordType: conflict.recordType,
          recordId: conflict.recordId,
          field: conflict.field,
          value: conflict.value,
          currentValue: record ? (record.fields[conflict.field]?.value ?? null) : undefined,
          stamp: conflict.stamp,
          winningStamp: conflict.winningStamp,
          deviceId: conflict.deviceId,
          writtenBy: conflict.writtenBy,
          writtenByName: conflict.writtenByName ?? null,
          detectedAt: conflict.detectedAt,
        };
      })
      .sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Open conflicts grouped by the write they came from, newest first. `viewer` is who is
 * signed in on this tablet, so the writer can read "you" or "this tablet".
 */
export async function listOpenConflictGroups(
  db: SakhiDatabase,
  viewer: { readonly userId: string; readonly deviceId: string },
): Promise<ConflictGroup[]> {
  const groups = groupConflicts(await listOpenConflicts(db)).map((conflicts): ConflictGroup => {
    const first = conflicts[0]!;
    const writtenByName = conflicts.find((c) => c.writtenByName)?.writtenByName ?? null;
    return {
      key: conflictGroupKey(first),
      caseId: first.caseId,
      caseNumber: first.caseNumber,
      survivorName: first.survivorName,
      recordType: first.recordType,
      recordId: first.recordId,
      deviceId: first.deviceId,
      writtenBy: first.writtenBy,
      writtenByName,
      writer: describeConflictWriter({ ...first, writtenByName }, viewer),
      detectedAt: conflicts.map((c) => c.detectedAt).reduce((a, b) => (a > b ? a : b)),
      conflicts,
    };
  });
  return groups.sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
}

/** A manager's answer to one conflict. */
export function resolveConflict(
  ctx: StoreContext,
  conflictId: string,
  resolution: ConflictResolution,
): Promise<void> {
  return resolveConflictGroup(ctx, [conflictId], resolution);
}

/**
 * One answer to every conflict of one write, in ONE transaction: all are resolved, or none
 * is. Reinstating writes the losing values back as one save, as they were first written.
 * Refused, writing nothing, when any of them is already resolved or they are not one write.
 */
export function resolveConflictGroup(
  ctx: StoreContext,
  conflictIds: readonly string[],
  resolution: ConflictResolution,
): Promise<void> {
  if (!mayResolveConflicts(ctx.staff)) return Promise.reject(notManager());
  const ids = [...new Set(conflictIds)];
  return inWriteTransaction(
    ctx,
    async () => {
      const rows = await ctx.db.conflicts.bulkGet(ids);
      const open = rows.map((row, index) => {
        if (!row || row.isOpen === 0) throw notFound('case', row?.caseId ?? ids[index]!);
        return row;
      });
      const conflicts = open.map((row) => valuesOf(row.fields) as Conflict);
      if (!isOneWrite(conflicts)) throw notOneWrite(ids);
      if (resolution === 'reinstated') {
        if (!mayReinstate(ctx.staff, { recordType: conflicts[0]!.recordType, conflicts })) {
          throw notManager();
        }
        await reinstate(ctx, conflicts);
      }
      for (const row of open) {
        const { fields, mutation } = stampChanges(
          ctx,
          { recordType: 'conflict', recordId: row.id, caseId: row.caseId },
          row.fields,
          conflictResolutionOf(ctx.staff, resolution, ctx.now().toISOString()),
        );
        await ctx.db.conflicts.put(buildConflictRow(fields));
        await queueMutation(ctx, mutation);
      }
    },
    { withConflicts: true },
  );
}

function isCaseRecord(conflict: Pick<Conflict, 'recordType'>): boolean {
  return tableOf(conflict.recordType as RecordType) === 'cases';
}

/** What reinstating writes: the losing values, as they were first written. */
function reinstatedChangesOf(conflicts: readonly Pick<Conflict, 'field' | 'value'>[]) {
  // The edits of an edit-after-removal merged underneath the tombstone: lifting it restores them.
  return Object.fromEntries(
    conflicts.map((c) => [c.field, c.field === tombstoneField ? false : c.value]),
  );
}

/**
 * Whether she may write the losing values again in her own name. A closure another
 * manager approved is hers to approve again, not to reinstate in that manager's name: the
 * server refuses that write, so the page does not offer it.
 */
export function mayReinstate(
  staff: Writer,
  group: {
    readonly recordType: string;
    readonly conflicts: readonly Pick<Conflict, 'field' | 'value'>[];
  },
): boolean {
  const recordType = group.recordType as RecordType;
  return mayWrite(staff, recordType, reinstatedChangesOf(group.conflicts));
}

/** Conflicts of one write (isOneWrite): one record, written back in one save. */
async function reinstate(ctx: StoreContext, conflicts: readonly Conflict[]) {
  const { caseId, recordId, recordType } = conflicts[0]!;
  const changes = reinstatedChangesOf(conflicts);
  const caseRow = await ctx.db.cases.get(caseId);
  if (!caseRow) throw notFound('case', caseId);
  if (isCaseRecord(conflicts[0]!)) {
    await writeCaseChanges(ctx, caseRow, changes);
    return;
  }
  const entryRow = await ctx.db.entries.get(recordId);
  if (!entryRow) throw notFound('entry', recordId);
  const { fields, mutation } = stampChanges(
    ctx,
    { recordType: recordType as RecordType, recordId: entryRow.id, caseId: entryRow.caseId },
    entryRow.fields,
    changes,
  );
  await saveEntryRow(ctx, caseRow, buildEntryRow(entryRow.entryType, fields), mutation);
}

function notOneWrite(conflictIds: readonly string[]): StoreError {
  return new StoreError(
    'invalid_record',
    {
      hi: 'ये टकराव एक ही बदलाव के नहीं हैं, इसलिए इन्हें एक साथ नहीं सुलझाया गया। पन्ना दोबारा खोलें।',
      en: 'These conflicts are not from one change, so they were not resolved together. Open the page again.',
    },
    { details: conflictIds.map((id) => `conflict ${id}`) },
  );
}

function notManager(): StoreError {
  return new StoreError('invalid_record', {
    hi: 'टकराव केवल केंद्र प्रबंधक सुलझा सकती हैं।',
    en: 'Only the centre manager can resolve a conflict.',
  });
}
