import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordTypes } from './protocol.ts';
import { referralStepFields, referralStepOf } from './referral-steps.ts';
import { roles, type Role } from './vocabularies-staff.ts';
import {
  findFieldWriteRefusal,
  findWriteRefusal,
  mayApproveClosure,
  mayResolveConflicts,
  mayTakeClosureStep,
  mayWrite,
  writeRules,
} from './write-rules.ts';

const self = '01900000-0000-7000-8000-000000000001';
const colleague = '01900000-0000-7000-8000-000000000002';
const at = '2026-03-10T05:00:00.000Z';
const allRoles = roles.map((role) => role.code);
const onlyManager = (role: Role) => role === 'manager';
const isCentreRole = (role: Role) => role !== 'state_admin' && role !== 'state_analyst';
const referralSteps = Object.keys(referralStepFields) as (keyof typeof referralStepFields)[];

/** Each cell: a write, and for every role whether she may make it as `self`. */
const cells: {
  rule: string;
  recordType: 'case' | 'conflict' | 'note' | 'referral';
  values: Record<string, unknown>;
  allows: (role: Role) => boolean;
}[] = [
  { rule: 'closing_a_case', recordType: 'case', values: { status: 'closed' }, allows: onlyManager },
  {
    rule: 'approving_a_closure',
    recordType: 'case',
    values: { closureApprovedBy: self, closureApprovedAt: at },
    allows: onlyManager,
  },
  {
    rule: 'approving_a_closure',
    recordType: 'case',
    values: { closureApprovedAt: at },
    allows: onlyManager,
  },
  {
    rule: 'approving_a_closure (in a colleague’s name)',
    recordType: 'case',
    values: { status: 'closed', closureApprovedBy: colleague, closureApprovedAt: at },
    allows: () => false,
  },
  {
    rule: 'sending_back_a_closure',
    recordType: 'case',
    values: {
      closureSentBackBy: self,
      closureSentBackAt: at,
      closureSentBackReason: 'Her referral is still waiting.',
      closureRequestedBy: null,
      closureRequestedAt: null,
    },
    allows: onlyManager,
  },
  {
    rule: 'sending_back_a_closure (in a colleague’s name)',
    recordType: 'case',
    values: { closureSentBackBy: colleague, closureSentBackAt: at },
    allows: () => false,
  },
  {
    rule: 'reopening_a_case',
    recordType: 'case',
    values: { status: 'open', reopenedBy: self, reopenedAt: at, reopenReason: 'She came back.' },
    allows: onlyManager,
  },
  {
    rule: 'reopening_a_case (in a colleague’s name)',
    recordType: 'case',
    values: { reopenedBy: colleague, reopenedAt: at, reopenReason: 'She came back.' },
    allows: () => false,
  },
  {
    rule: 'resolving_a_conflict',
    recordType: 'conflict',
    values: { resolution: 'kept', resolvedBy: self, resolvedAt: at },
    allows: onlyManager,
  },
  {
    rule: 'resolving_a_conflict (in a colleague’s name)',
    recordType: 'conflict',
    values: { resolution: 'kept', resolvedBy: colleague, resolvedAt: at },
    allows: () => false,
  },
  {
    rule: 'keeping_a_conflict',
    recordType: 'conflict',
    values: { value: 'high' },
    allows: () => false,
  },
  {
    rule: 'assigning_a_case',
    recordType: 'case',
    values: { assignedStaffIds: [colleague], assignedBy: self, assignedAt: at },
    allows: (role) => role === 'manager' || role === 'counsellor',
  },
  {
    rule: 'assigning_a_case (the list alone, unsigned)',
    recordType: 'case',
    values: { assignedStaffIds: [self, colleague] },
    allows: (role) => role === 'manager' || role === 'counsellor',
  },
  {
    rule: 'assigning_a_case (taking a case for herself)',
    recordType: 'case',
    values: { assignedStaffIds: [self] },
    allows: (role) => role === 'manager' || role === 'counsellor',
  },
  {
    rule: 'assigning_a_case (in a colleague’s name)',
    recordType: 'case',
    values: { assignedStaffIds: [self], assignedBy: colleague, assignedAt: at },
    allows: () => false,
  },
  {
    rule: 'registering a case in her own caseload',
    recordType: 'case',
    values: {
      registeredBy: self,
      status: 'open',
      assignedStaffIds: [self],
      assignedBy: null,
      assignedAt: null,
    },
    allows: isCentreRole,
  },
  {
    rule: 'registering a case in no one’s caseload',
    recordType: 'case',
    values: { registeredBy: self, assignedStaffIds: [], assignedBy: null, assignedAt: null },
    allows: isCentreRole,
  },
  {
    rule: 'assigning_a_case (registering it to a colleague)',
    recordType: 'case',
    values: { registeredBy: self, assignedStaffIds: [colleague] },
    allows: (role) => role === 'manager' || role === 'counsellor',
  },
  // What no row covers stays open to every centre role.
  {
    rule: 'a new case opens',
    recordType: 'case',
    values: {
      status: 'open',
      closureApprovedBy: null,
      closureApprovedAt: null,
      closureSentBackBy: null,
      reopenedBy: null,
      reopenReason: null,
    },
    allows: (role) => role !== 'state_admin' && role !== 'state_analyst',
  },
  {
    rule: 'requesting a closure',
    recordType: 'case',
    values: { closureReason: 'other', closureRequestedBy: self, closureRequestedAt: at },
    allows: (role) => role !== 'state_admin' && role !== 'state_analyst',
  },
  // What the referral form writes for each step, in her own name, in a colleague's, or a
  // step taken back (its writer cleared).
  ...referralSteps.flatMap((step) => [
    {
      rule: `signing_a_referral_${step}_step`,
      recordType: 'referral' as const,
      values: { ...referralStepOf(step, { userId: self }, at) },
      allows: isCentreRole,
    },
    {
      rule: `signing_a_referral_${step}_step (in a colleague’s name)`,
      recordType: 'referral' as const,
      values: { ...referralStepOf(step, { userId: colleague }, at) },
      allows: () => false,
    },
    {
      rule: `clearing a referral's ${step} step`,
      recordType: 'referral' as const,
      values: { [referralStepFields[step].by]: null, [referralStepFields[step].at]: null },
      allows: isCentreRole,
    },
  ]),
  {
    rule: 'a note',
    recordType: 'note',
    values: { text: 'She called back.' },
    allows: (role) => role !== 'state_admin' && role !== 'state_analyst',
  },
];

describe('write rules', () => {
  for (const cell of cells) {
    for (const role of allRoles) {
      const expected = cell.allows(role);
      it(`${cell.rule}: ${role} ${expected ? 'may' : 'may not'}`, () => {
        expect(mayWrite({ role, userId: self }, cell.recordType, cell.values)).toBe(expected);
      });
    }
  }

  it('has a cell above for every row of the table', () => {
    const tested = new Set(cells.map((cell) => cell.rule));
    for (const rule of writeRules) expect(tested).toContain(rule.name);
  });

  it('names the rule and the field that refused, with a reason in both languages', () => {
    const refusal = findWriteRefusal({ role: 'manager', userId: self }, 'case', {
      status: 'closed',
      closureApprovedBy: colleague,
      closureApprovedAt: at,
    });
    expect(refusal?.rule.name).toBe('approving_a_closure');
    expect(refusal?.field).toBe('closureApprovedBy');
    expect(refusal?.rule.reason.hi).toMatch(/[\u0900-\u097F]/);
    expect(refusal?.rule.reason.en).toMatch(/manager/);
    const caseworker = findWriteRefusal({ role: 'caseworker', userId: self }, 'case', {
      riskLevel: 'high',
      status: 'closed',
    });
    expect(caseworker?.field).toBe('status');
    expect(
      findWriteRefusal({ role: 'state_admin', userId: self }, 'note', { text: 'x' })?.rule.name,
    ).toBe('headquarters_write_nothing');
  });

  it('offers closure approval and conflict resolution to exactly the roles the table allows', () => {
    for (const role of allRoles) {
      expect(mayApproveClosure({ role, userId: self })).toBe(role === 'manager');
      expect(mayResolveConflicts({ role, userId: self })).toBe(role === 'manager');
    }
  });

  it('lets every centre role request a closure, and only the manager take the other steps', () => {
    const steps = ['approve', 'send_back', 'reopen'] as const;
    for (const role of allRoles) {
      const writer = { role, userId: self };
      const isCentreRole = role !== 'state_admin' && role !== 'state_analyst';
      expect(mayTakeClosureStep(writer, 'request')).toBe(isCentreRole);
      for (const step of steps) expect(mayTakeClosureStep(writer, step)).toBe(role === 'manager');
    }
  });

  it("judges a pushed mutation's fields exactly as findWriteRefusal judges their values", () => {
    // Every field any row names, and fields no row names, with values that make each
    // row's `covers` go either way (the writer's own id, another's, null, 'closed').
    const ruled = writeRules.flatMap((rule) => rule.fields);
    const fieldName = fc.constantFrom(
      ...ruled,
      'registeredBy',
      'riskLevel',
      'text',
      'survivorName',
      '__proto__',
    );
    const value = fc.constantFrom<unknown>(self, colleague, null, 'closed', 'open', [self], [], at);
    fc.assert(
      fc.property(
        fc.constantFrom(...allRoles),
        fc.constantFrom(...recordTypes),
        fc.uniqueArray(fc.tuple(fieldName, value), { selector: ([name]) => name, maxLength: 8 }),
        (role, recordType, entries) => {
          const writer = { role, userId: self };
          const values = Object.fromEntries(entries);
          const fields = Object.fromEntries(
            entries.map(([name, written]) => [name, { value: written, stamp: 's', base: null }]),
          );
          expect(findFieldWriteRefusal(writer, recordType, fields)).toEqual(
            findWriteRefusal(writer, recordType, values),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
