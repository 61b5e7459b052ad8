/**
 * Saving entries (services, stays, referrals, follow-ups, notes) and keeping their case's
 * list columns and status in step, in the same transaction as the entry.
 *
 * Status follows stays, because that is never a judgement call: admitting her to a stay
 * makes an open or referred case `in_stay`, and when no stay is open any more (discharge,
 * or the stay entry removed) an `in_stay` case is `open` again. Whether a case is
 * `referred` or `closed` stays the caller's decision. A second open stay is refused.
 */
import type { EntryKind } from '../domain/entries.ts';
import { entrySchemas } from '../domain/entries.ts';
import { valuesOf } from '../domain/merge.ts';
import type { Mutation } from '../domain/protocol.ts';
import { checkMutationFields } from '../domain/records.ts';
import { uuidv7 } from '../platform/ids.ts';
import { writeCaseChanges } from './case-repository.ts';
import type { EntryChanges, EntryInput, EntryOf } from './case-store.ts';
import type { CaseRow, EntryRow } from './database.ts';
import { buildEntryRow, openStayOf, summariseEntries } from './row-columns.ts';
import { invalidRecord, notFound, stayAlreadyOpen } from './store-errors.ts';
import {
  inWriteTransaction,
  queueMutation,
  stampChanges,
  type StoreContext,
} from './write-transaction.ts';

const fixedEntryFields = ['id', 'caseId', 'centreId'] as const;

export function addEntry<K extends EntryKind>(
  ctx: StoreContext,
  caseId: string,
  entryType: K,
  input: EntryInput<K>,
): Promise<EntryOf<K>> {
  return inWriteTransaction(ctx, async () => {
    const caseRow = await ctx.db.cases.get(caseId);
    if (!caseRow || caseRow.isRemoved === 1) throw notFound('case', caseId);
    const now = ctx.now();
    const id = uuidv7(now.getTime());
    const entry = {
      ...input,
      id,
      caseId,
      centreId: caseRow.fields.centreId?.value as string,
      recordedAt: now.toISOString(),
      recordedBy: ctx.staff.userId,
      deleted: false,
    };
    const parsed = entrySchemas[entryType].safeParse(entry);
    if (!parsed.success) {
      throw invalidRecord(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    }
    const { fields, mutation } = stampChanges(
      ctx,
      { recordType: entryType, recordId: id, caseId },
      {},
      entry,
    );
    await saveEntryRow(ctx, caseRow, buildEntryRow(entryType, fields), mutation);
    return parsed.data as EntryOf<K>;
  });
}

export function updateEntry<K extends EntryKind>(
  ctx: StoreContext,
  entryType: K,
  entryId: string,
  changes: EntryChanges<K> | { deleted: true },
): Promise<EntryOf<K>> {
  return inWriteTransaction(ctx, async () => {
    const row = await ctx.db.entries.get(entryId);
    if (!row || row.entryType !== entryType) throw notFound('entry', entryId);
    const defined = Object.fromEntries(
      Object.entries(changes as Record<string, unknown>)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [name, { value }]),
    );
    const problems = checkMutationFields(entryType, defined);
    const fixed = fixedEntryFields.filter((name) => name in defined);
    if (problems.length > 0 || fixed.length > 0) {
      throw invalidRecord([...problems, ...fixed.map((name) => `${name}: may not be changed`)]);
    }
    const caseRow = await ctx.db.cases.get(row.caseId);
    if (!caseRow) throw notFound('case', row.caseId);
    const { fields, mutation } = stampChanges(
      ctx,
      { recordType: entryType, recordId: entryId, caseId: row.caseId },
      row.fields,
      changes,
    );
    await saveEntryRow(ctx, caseRow, buildEntryRow(entryType, fields), mutation);
    return valuesOf(fields) as EntryOf<K>;
  });
}

export async function removeEntry(ctx: StoreContext, entryType: EntryKind, entryId: string) {
  await updateEntry(ctx, entryType, entryId, { deleted: true });
}

/** Writes the entry row, then the case's columns (and status, for a stay) from all its entries. */
export async function saveEntryRow(
  ctx: StoreContext,
  caseRow: CaseRow,
  entryRow: EntryRow,
  mutation: Mutation | null,
) {
  const others = (await ctx.db.entries.where('caseId').equals(caseRow.id).toArray()).filter(
    (row) => row.id !== entryRow.id,
  );
  const otherOpenStay = openStayOf(others.filter((row) => row.isRemoved === 0));
  if (entryRow.entryType === 'stay' && entryRow.isPending === 1 && otherOpenStay) {
    throw stayAlreadyOpen(otherOpenStay.id);
  }
  await ctx.db.entries.put(entryRow);
  // The entry's mutation goes first: the status change it causes is stamped after it.
  await queueMutation(ctx, mutation);
  const columns = summariseEntries([...others, entryRow]);
  const status = caseRow.status;
  let nextStatus = status;
  if (entryRow.entryType === 'stay') {
    if (columns.isInStay === 1 && (status === 'open' || status === 'referred'))
      nextStatus = 'in_stay';
    if (columns.isInStay === 0 && status === 'in_stay') nextStatus = 'open';
  }
  await writeCaseChanges(
    ctx,
    caseRow,
    nextStatus === status ? {} : { status: nextStatus },
    columns,
  );
}
