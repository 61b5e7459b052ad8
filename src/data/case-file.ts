/**
 * Reading a case with its entries, and the "today" lists, without writing anything.
 */
import type { EntryKind, FollowUpEntry, ReferralEntry, StayEntry } from '../domain/entries.ts';
import { entrySchemas, laterReferralBlanks } from '../domain/entries.ts';
import { stayEndDate } from '../domain/entry-rules.ts';
import type { CalendarDate } from '../domain/india-time.ts';
import { valuesOf } from '../domain/merge.ts';
import { readCase } from './case-repository.ts';
import type { CaseEntry, CaseFile, CaseSummary, TodayList } from './case-store.ts';
import type { CaseDirectory } from './case-directory.ts';
import type { EntryRow, SakhiDatabase } from './database.ts';
import { toCaseSummary } from './row-columns.ts';
import { toStoreError } from './store-errors.ts';

/** Null when the case is not on this tablet. A removed case is returned, with `deleted: true`. */
export async function getCaseFile(db: SakhiDatabase, caseId: string): Promise<CaseFile | null> {
  try {
    return await db.transaction('r', db.cases, db.entries, async () => {
      const row = await db.cases.get(caseId);
      if (!row) return null;
      const entryRows = await db.entries.where('caseId').equals(caseId).toArray();
      const entries = entryRows
        .filter((entry) => entry.isRemoved === 0)
        .sort(byTimeline)
        .map(readEntry);
      return { case: readCase(row.fields), entries };
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

function byTimeline(a: EntryRow, b: EntryRow): number {
  const recorded = (row: EntryRow) => Date.parse(row.fields.recordedAt?.value as string);
  return (
    Date.parse(a.happenedAt) - Date.parse(b.happenedAt) ||
    recorded(a) - recorded(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * As readCase: a row that no longer passes its schema is still shown, not hidden; a
 * referral saved before its later fields reads them as blank (laterReferralBlanks).
 */
export function readEntry(row: EntryRow): CaseEntry {
  const values =
    row.entryType === 'referral'
      ? { ...laterReferralBlanks, ...valuesOf(row.fields) }
      : valuesOf(row.fields);
  const parsed = entrySchemas[row.entryType].safeParse(values);
  return { entryType: row.entryType, entry: parsed.success ? parsed.data : values } as CaseEntry;
}

/** Opens only the pending entries; the cases' summaries come from the directory. */
export async function getTodayList(
  db: SakhiDatabase,
  directory: CaseDirectory,
  date: CalendarDate,
): Promise<TodayList> {
  try {
    return await db.transaction('r', db.entries, async () => {
      const pending = (entryType: EntryKind) =>
        db.entries.where('[entryType+isPending]').equals([entryType, 1]).toArray();
      const [followUps, stays, referrals] = await Promise.all([
        pending('followUp'),
        pending('stay'),
        pending('referral'),
      ]);
      const caseIds = [...new Set([...followUps, ...stays, ...referrals].map((row) => row.caseId))];
      const summaries = new Map<string, CaseSummary>();
      for (const caseId of caseIds) {
        const entry = directory.get(caseId);
        if (entry && entry.isRemoved === 0) summaries.set(caseId, toCaseSummary(entry, date));
      }
      const withSummary = <T>(rows: EntryRow[]) =>
        rows.flatMap((row) => {
          const summary = summaries.get(row.caseId);
          return summary ? [{ summary, entry: valuesOf(row.fields) as T }] : [];
        });
      const dueFollowUps = withSummary<FollowUpEntry>(followUps).sort((a, b) =>
        a.entry.dueDate.localeCompare(b.entry.dueDate),
      );
      return {
        followUpsDue: dueFollowUps
          .filter(({ entry }) => entry.dueDate === date)
          .map(({ summary, entry }) => ({ summary, followUp: entry })),
        followUpsOverdue: dueFollowUps
          .filter(({ entry }) => entry.dueDate < date)
          .map(({ summary, entry }) => ({ summary, followUp: entry })),
        staysEnding: withSummary<StayEntry>(stays)
          .filter(({ entry }) => stayEndDate(entry) <= date)
          .sort((a, b) => stayEndDate(a.entry).localeCompare(stayEndDate(b.entry)))
          .map(({ summary, entry }) => ({ summary, stay: entry })),
        referralsWaiting: withSummary<ReferralEntry>(referrals)
          .sort((a, b) => a.entry.recordedAt.localeCompare(b.entry.recordedAt))
          .map(({ summary, entry }) => ({ summary, referral: entry })),
      };
    });
  } catch (error) {
    throw toStoreError(error);
  }
}
