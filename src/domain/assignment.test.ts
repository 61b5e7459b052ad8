import { describe, expect, it } from 'vitest';
import { assignmentOf, countCaseloads, mayAssignCases, type CaseloadCase } from './assignment.ts';
import { roles } from './vocabularies-staff.ts';
import { findWriteRefusal } from './write-rules.ts';

const manager = { role: 'manager', userId: '01900000-0000-7000-8000-00000000000a' } as const;
const asha = '01900000-0000-7000-8000-000000000001';
const rekha = '01900000-0000-7000-8000-000000000002';
const at = '2026-03-10T05:00:00.000Z';

describe('assignmentOf', () => {
  it('writes the list without repeats, signed by whoever assigns', () => {
    expect(assignmentOf(manager, [asha, rekha, asha], at)).toEqual({
      assignedStaffIds: [asha, rekha],
      assignedBy: manager.userId,
      assignedAt: at,
    });
  });

  it('is a write the server takes from a manager, and refuses in a colleague’s name', () => {
    expect(findWriteRefusal(manager, 'case', assignmentOf(manager, [asha], at))).toBeNull();
    const forged = { ...assignmentOf(manager, [asha], at), assignedBy: rekha };
    expect(findWriteRefusal(manager, 'case', forged)).toMatchObject({
      rule: { name: 'assigning_a_case' },
      field: 'assignedBy',
    });
  });
});

describe('mayAssignCases', () => {
  it('lets the manager and the counsellor assign, no other role', () => {
    const allowed = roles
      .map((role) => role.code)
      .filter((role) => mayAssignCases({ role, userId: asha }));
    expect(allowed).toEqual(['manager', 'counsellor']);
  });
});

describe('countCaseloads', () => {
  const today = '2026-03-10';
  const caseOf = (
    assignedStaffIds: string[],
    status: CaseloadCase['status'] = 'open',
    nextFollowUpDue: string | null = null,
  ): CaseloadCase => ({ assignedStaffIds, status, nextFollowUpDue });

  it('counts open cases and due follow-ups per staff member, each case once per person', () => {
    const counts = countCaseloads(
      [asha, rekha, manager.userId],
      [
        caseOf([asha]),
        caseOf([asha, rekha], 'in_stay', '2026-03-10'),
        caseOf([rekha], 'referred', '2026-03-01'),
        caseOf([rekha], 'open', '2026-03-11'),
        caseOf([asha], 'closed', '2026-03-01'),
        caseOf(['someone-who-left']),
      ],
      today,
    );
    expect(counts.get(asha)).toEqual({ openCases: 2, followUpsDue: 1 });
    expect(counts.get(rekha)).toEqual({ openCases: 3, followUpsDue: 2 });
    expect(counts.get(manager.userId)).toEqual({ openCases: 0, followUpsDue: 0 });
    expect(counts.has('someone-who-left')).toBe(false);
  });
});
