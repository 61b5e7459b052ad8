/**
 * The derived columns of stored rows (database.ts): pure functions of a record's fields
 * and, for a case, of its entries. Recomputed on every save, in the same transaction, so
 * a list or a "today" query never opens a case file to filter or sort.
 */
import type { Case } from '../domain/case.ts';
import type { Conflict } from '../domain/conflicts.ts';
import type { ReferralStatus } from '../domain/code-schemas.ts';
import type { EntryKind, FollowUpEntry, ReferralEntry, StayEntry } from '../domain/entries.ts';
import { stayEndDate } from '../domain/entry-rules.ts';
import { isRemoved, valuesOf, type FieldMap } from '../domain/merge.ts';
import type { CaseSummary } from './case-store.ts';
import type { CaseRow, ConflictRow, EntryRow, Flag } from './database.ts';
import type { DirectoryCase } from './case-directory.ts';

const flag = (value: boolean): Flag => (value ? 1 : 0);

/** Referrals that went out (or are about to) and have no answer yet. */
export const waitingReferralStatuses: readonly ReferralStatus[] = ['planned', 'sent'];

export type EntryColumns = Pick<
  CaseRow,
  'isInStay' | 'stayEndsOn' | 'nextFollowUpDue' | 'waitingReferrals'
>;

export const noEntryColumns: EntryColumns = {
  isInStay: 0,
  stayEndsOn: null,
  nextFollowUpDue: null,
  waitingReferrals: 0,
};

export function buildCaseRow(fields: FieldMap, entryColumns: EntryColumns): CaseRow {
  const c = valuesOf(fields) as Case;
  const removed = isRemoved(fields);
  return {
    id: c.id,
    fields,
    caseNumber: c.caseNumber,
    registeredAt: c.registeredAt,
    status: c.status,
    riskLevel: c.riskLevel,
    isRemoved: flag(removed),
    closedAt: c.closureApprovedAt,
    ...entryColumns,
  };
}

/**
 * A case row from its merged fields and the rows of all its entries: what a local save
 * writes (entry-repository.ts) and what a pulled page writes (sync-inbox.ts).
 */
export function deriveCaseRow(fields: FieldMap, entries: readonly EntryRow[]): CaseRow {
  return buildCaseRow(fields, summariseEntries(entries));
}

export function buildConflictRow(fields: FieldMap): ConflictRow {
  const conflict = valuesOf(fields) as Conflict;
  return {
    id: conflict.id,
    caseId: conflict.caseId,
    fields,
    recordId: conflict.recordId,
    field: conflict.field,
    isOpen: flag(conflict.resolution === null || conflict.resolution === undefined),
    detectedAt: conflict.detectedAt,
  };
}

export function openStayOf(entries: readonly EntryRow[]): EntryRow | undefined {
  return entries.find((row) => row.entryType === 'stay' && row.isPending === 1);
}

/** What a case's list row shows about its entries. */
export function summariseEntries(entries: readonly EntryRow[]): EntryColumns {
  const live = entries.filter((row) => row.isRemoved === 0);
  const openStay = openStayOf(live);
  const dueDates = live
    .filter((row) => row.entryType === 'followUp' && row.isPending === 1)
    .map((row) => (valuesOf(row.fields) as FollowUpEntry).dueDate)
    .sort();
  return {
    isInStay: flag(openStay !== undefined),
    stayEndsOn: openStay ? stayEndDate(valuesOf(openStay.fields) as StayEntry) : null,
    nextFollowUpDue: dueDates[0] ?? null,
    waitingReferrals: live.filter((row) => row.entryType === 'referral' && row.isPending === 1)
      .length,
  };
}

export function buildEntryRow(entryType: EntryKind, fields: FieldMap): EntryRow {
  const entry = valuesOf(fields) as Record<string, unknown> & {
    id: string;
    caseId: string;
    recordedAt: string;
  };
  const removed = isRemoved(fields);
  return {
    id: entry.id,
    caseId: entry.caseId,
    entryType,
    fields,
    isRemoved: flag(removed),
    isPending: flag(!removed && isPending(entryType, entry)),
    happenedAt: happenedAt(entryType, entry),
    dueOn: entryType === 'followUp' ? (entry as FollowUpEntry).dueDate : null,
  };
}

function isPending(entryType: EntryKind, entry: Record<string, unknown>): boolean {
  switch (entryType) {
    case 'stay':
      return (entry as StayEntry).dischargedAt === null;
    case 'followUp':
      return (entry as FollowUpEntry).doneAt === null;
    case 'referral':
      return waitingReferralStatuses.includes((entry as ReferralEntry).status);
    default:
      return false;
  }
}

function happenedAt(entryType: EntryKind, entry: Record<string, unknown>): string {
  const recordedAt = entry.recordedAt as string;
  switch (entryType) {
    case 'service':
      return entry.givenAt as string;
    case 'stay':
      return entry.admittedAt as string;
    case 'referral':
      return (entry.referredAt as string | null) ?? recordedAt;
    case 'followUp':
      return (entry.doneAt as string | null) ?? recordedAt;
    default:
      return recordedAt;
  }
}

/** `today` is the calendar date in India. */
export function toCaseSummary(row: DirectoryCase, today: string): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    survivorName: row.survivorName,
    survivorAlias: row.survivorAlias,
    survivorPhone: row.survivorPhone,
    survivorAgeYears: row.survivorAgeYears,
    status: row.status,
    riskLevel: row.riskLevel,
    registeredAt: row.registeredAt,
    isInStay: row.isInStay === 1,
    stayEndsOn: row.stayEndsOn,
    isStayOverdue: row.isInStay === 1 && row.stayEndsOn !== null && row.stayEndsOn < today,
    nextFollowUpDue: row.nextFollowUpDue,
    isFollowUpOverdue: row.nextFollowUpDue !== null && row.nextFollowUpDue < today,
    waitingReferrals: row.waitingReferrals,
    assignedStaffIds: row.assignedStaffIds,
  };
}
