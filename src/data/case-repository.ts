/**
 * Saving and reading cases. Every save goes through inWriteTransaction (record + outbox
 * + clock in one transaction); see write-transaction.ts for what must hold.
 *
 * Case numbers: `formatCaseNumber` with the staff member's district, the year in India,
 * this device's tag and a per-device, per-year serial kept in `meta`. The serial is read
 * and bumped in the same transaction as the case is written, so two saves (even from two
 * tabs) never get one number, and a save that fails does not use one up.
 */
import { formatCaseNumber, yearInIndia } from '../domain/case-number.ts';
import { caseDetailBlanks, caseSchema, openCaseStatus, type Case } from '../domain/case.ts';
import { parseStamp } from '../domain/hlc.ts';
import { valuesOf, type FieldMap } from '../domain/merge.ts';
import { checkMutationFields } from '../domain/records.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { CaseChanges, CaseIntake } from './case-store.ts';
import type { CaseRow } from './database.ts';
import { buildCaseRow, noEntryColumns, type EntryColumns } from './row-columns.ts';
import { invalidRecord, notFound } from './store-errors.ts';
import {
  inWriteTransaction,
  queueMutation,
  stampChanges,
  type StoreContext,
} from './write-transaction.ts';

/** Fields no edit may change: they identify the case everywhere it has been synced. */
const fixedCaseFields = ['id', 'centreId', 'caseNumber'] as const;

export function registerCase(ctx: StoreContext, intake: CaseIntake): Promise<Case> {
  return inWriteTransaction(ctx, async () => {
    const now = ctx.now();
    const year = yearInIndia(now);
    const serialKey = `caseSerial:${year}` as const;
    const stored = await ctx.db.meta.get(serialKey);
    const serial = (typeof stored?.value === 'number' ? stored.value : 0) + 1;
    const id = uuidv7(now.getTime());
    const record = {
      ...intake,
      id,
      centreId: ctx.staff.centreId,
      caseNumber: formatCaseNumber({
        districtCode: ctx.staff.districtCode,
        year,
        deviceTag: ctx.device.tag,
        serial,
      }),
      registeredAt: now.toISOString(),
      registeredBy: ctx.staff.userId,
      deleted: false,
    };
    const parsed = caseSchema.safeParse(record);
    if (!parsed.success) {
      throw invalidRecord(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    }
    const { fields, mutation } = stampChanges(
      ctx,
      { recordType: 'case', recordId: id, caseId: id },
      {},
      record,
    );
    await ctx.db.cases.add(buildCaseRow(fields, noEntryColumns));
    await queueMutation(ctx, mutation);
    await ctx.db.meta.put({ key: serialKey, value: serial });
    return parsed.data;
  });
}

export function updateCase(ctx: StoreContext, caseId: string, changes: CaseChanges): Promise<Case> {
  return inWriteTransaction(ctx, async () => {
    const row = await ctx.db.cases.get(caseId);
    if (!row) throw notFound('case', caseId);
    const updated = await writeCaseChanges(ctx, row, changes);
    return readCase(updated.fields);
  });
}

export async function removeCase(ctx: StoreContext, caseId: string): Promise<void> {
  await updateCase(ctx, caseId, { deleted: true });
}

/**
 * Validates and writes changes to a case row, with its outbox mutation. Call inside
 * inWriteTransaction; `entryColumns` replaces the row's when its entries changed.
 */
export async function writeCaseChanges(
  ctx: StoreContext,
  row: CaseRow,
  changes: Readonly<Record<string, unknown>>,
  entryColumns: EntryColumns = row,
): Promise<CaseRow> {
  const defined = Object.fromEntries(
    Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, { value }]),
  );
  const problems = checkMutationFields('case', defined);
  const fixed = fixedCaseFields.filter((name) => name in defined);
  if (problems.length > 0 || fixed.length > 0) {
    throw invalidRecord([...problems, ...fixed.map((name) => `${name}: may not be changed`)]);
  }
  const { fields, mutation } = stampChanges(
    ctx,
    { recordType: 'case', recordId: row.id, caseId: row.id },
    row.fields,
    changes,
  );
  const updated = buildCaseRow(fields, {
    isInStay: entryColumns.isInStay,
    stayEndsOn: entryColumns.stayEndsOn,
    nextFollowUpDue: entryColumns.nextFollowUpDue,
    waitingReferrals: entryColumns.waitingReferrals,
  });
  await ctx.db.cases.put(updated);
  await queueMutation(ctx, mutation);
  return updated;
}

/**
 * The case as screens see it. A field added after the case was saved reads as not known
 * yet (caseDetailBlanks, laterCaseBlanks), as on a case registered today. A stored record
 * whose merged fields still do not pass the schema (a field added by a newer app version) is shown
 * rather than hidden.
 *
 * A pulled case may hold only some of its fields (the protocol lets a client send a
 * partial record), so every field a screen or a case rule reads has a value here: an
 * absent status reads as open with nothing of a closure, an absent number or name as
 * empty, and an absent registration time as the time of its first known write.
 */
export function readCase(fields: FieldMap): Case {
  const values = {
    ...caseDetailBlanks,
    ...openCaseStatus,
    ...partialCaseFallbacks(fields),
    ...valuesOf(fields),
  };
  const parsed = caseSchema.safeParse(values);
  return parsed.success ? parsed.data : (values as Case);
}

function partialCaseFallbacks(fields: FieldMap): Partial<Case> {
  return {
    caseNumber: '',
    survivorName: '',
    registeredBy: '',
    registeredAt: firstWrittenAt(fields),
    deleted: false,
    assignedStaffIds: [],
  };
}

function firstWrittenAt(fields: FieldMap): string {
  const stamps = Object.values(fields).map((field) => field.stamp);
  const first = stamps.length === 0 ? null : stamps.reduce((a, b) => (a < b ? a : b));
  return new Date(first === null ? 0 : parseStamp(first).wallMs).toISOString();
}
