/**
 * Who works on which case: assigning a case to staff of her centre, and each staff
 * member's caseload as the manager sees it.
 *
 * What must stay true:
 * - An assignment writes exactly what `assignmentOf` returns, so the assigning row of the
 *   write rules (write-rules.ts) judges the same write on the tablet and on the server.
 * - A caseload counts only what the tablet holds: open cases (not closed, not removed)
 *   assigned to her, and of those the ones with a follow-up due today or late.
 */
import type { CalendarDate } from './india-time.ts';
import type { CaseStatus } from './code-schemas.ts';
import { mayWrite, type Writer } from './write-rules.ts';

/** What assigning a case writes on it: the form saves exactly this. */
export function assignmentOf(writer: Writer, staffIds: readonly string[], assignedAt: string) {
  return {
    assignedStaffIds: [...new Set(staffIds)],
    assignedBy: writer.userId,
    assignedAt,
  };
}

// Any colleague and instant will do: the rule judges who assigns and in whose name.
const anyColleague = '00000000-0000-7000-8000-000000000000';
const anyInstant = '2026-01-01T00:00:00.000Z';

/** Whether her role lets her assign or re-assign cases: what the case page asks. */
export function mayAssignCases(writer: Writer): boolean {
  return mayWrite(writer, 'case', assignmentOf(writer, [anyColleague], anyInstant));
}

/** What a caseload is counted from: one case of the store, as the case list shows it. */
export interface CaseloadCase {
  readonly status: CaseStatus;
  readonly assignedStaffIds: readonly string[];
  /** The earliest follow-up not yet done, India date. */
  readonly nextFollowUpDue: CalendarDate | null;
}

export interface Caseload {
  readonly openCases: number;
  /** Open cases assigned to her with a follow-up due today or earlier. */
  readonly followUpsDue: number;
}

/** Each staff member's caseload, by user id; a staff member with none counts zero. */
export function countCaseloads(
  staffIds: readonly string[],
  cases: Iterable<CaseloadCase>,
  today: CalendarDate,
): ReadonlyMap<string, Caseload> {
  const counts = new Map(staffIds.map((id) => [id, { openCases: 0, followUpsDue: 0 }]));
  for (const c of cases) {
    if (c.status === 'closed') continue;
    const isDue = c.nextFollowUpDue !== null && c.nextFollowUpDue <= today;
    for (const id of new Set(c.assignedStaffIds)) {
      const count = counts.get(id);
      if (!count) continue;
      count.openCases += 1;
      if (isDue) count.followUpsDue += 1;
    }
  }
  return counts;
}
