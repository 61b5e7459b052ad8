import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  conflictGroupKey,
  describeConflictWriter,
  groupConflicts,
  isOneWrite,
  shortDeviceTag,
} from './conflict-review.ts';
import { conflictSchema } from './conflicts.ts';
import { formatStamp } from './hlc.ts';

const caseId = '0190f3a2-7c1e-7000-8000-0000000000c1';
const otherCaseId = '0190f3a2-7c1e-7000-8000-0000000000c2';
const stamp = (wallMs: number, deviceId: string) => formatStamp({ wallMs, counter: 0, deviceId });

/** One field that lost, as a write of `device` at `wallMs` against a write at `winningMs`. */
const lost = (field: string, wallMs = 5, winningMs = 7, recordId = caseId) => ({
  caseId,
  recordType: 'case',
  recordId,
  field,
  stamp: stamp(wallMs, 'tab-a'),
  winningStamp: stamp(winningMs, 'tab-b'),
});

describe('groupConflicts', () => {
  it('makes one group of a closure request that clashed, its fields in the case’s order', () => {
    const groups = groupConflicts([
      lost('closureRequestedAt'),
      lost('closureReason'),
      lost('closureRequestedBy'),
    ]);
    expect(groups.map((group) => group.map((c) => c.field))).toEqual([
      ['closureReason', 'closureRequestedBy', 'closureRequestedAt'],
    ]);
  });

  it('keeps apart writes that differ in case, record, losing stamp or winning stamp', () => {
    const entryId = '0190f3a2-7c1e-7000-8000-0000000000e1';
    const groups = groupConflicts([
      lost('riskLevel'),
      { ...lost('riskLevel'), caseId: otherCaseId },
      { ...lost('notes', 5, 7, entryId), recordType: 'service' },
      lost('safetyPlan', 6),
      lost('survivorPhone', 5, 8),
      lost('survivorName'),
    ]);
    expect(groups.map((group) => group.map((c) => c.field))).toEqual([
      ['survivorName', 'riskLevel'],
      ['riskLevel'],
      ['notes'],
      ['safetyPlan'],
      ['survivorPhone'],
    ]);
  });

  it('puts fields its record type does not know last, by name', () => {
    const groups = groupConflicts([
      { ...lost('zeta'), recordType: 'unknownType' },
      { ...lost('alpha'), recordType: 'unknownType' },
      lost('newerField'),
      lost('riskLevel'),
    ]);
    expect(groups.map((group) => group.map((c) => c.field))).toEqual([
      ['riskLevel', 'alpha', 'newerField', 'zeta'],
    ]);
  });

  it('loses no conflict and mixes no two writes, whatever the list', () => {
    const conflictArb = fc.record({
      caseId: fc.constantFrom(caseId, otherCaseId),
      recordType: fc.constant('case'),
      recordId: fc.constantFrom(caseId, otherCaseId),
      field: fc.constantFrom('riskLevel', 'closureReason', 'survivorName', 'deleted'),
      stamp: fc.integer({ min: 1, max: 3 }).map((ms) => stamp(ms, 'tab-a')),
      winningStamp: fc.integer({ min: 4, max: 5 }).map((ms) => stamp(ms, 'tab-b')),
    });
    fc.assert(
      fc.property(fc.array(conflictArb, { maxLength: 20 }), (conflicts) => {
        const groups = groupConflicts(conflicts);
        expect(groups.flat()).toHaveLength(conflicts.length);
        expect(new Set(groups.flat())).toEqual(new Set(conflicts));
        for (const group of groups) expect(isOneWrite(group)).toBe(true);
        const keys = groups.map((group) => conflictGroupKey(group[0]!));
        expect(new Set(keys).size).toBe(groups.length);
      }),
    );
  });
});

describe('isOneWrite', () => {
  it('is true only for a non-empty list of one write’s conflicts', () => {
    expect(isOneWrite([lost('closureReason'), lost('closureRequestedBy')])).toBe(true);
    expect(isOneWrite([lost('closureReason'), lost('closureRequestedBy', 6)])).toBe(false);
    expect(isOneWrite([])).toBe(false);
  });
});

describe('describeConflictWriter', () => {
  const viewer = { userId: '0190f3a2-7c1e-7000-8000-0000000000a1', deviceId: 'this-tablet-00d1' };
  const writtenElsewhere = {
    writtenBy: '0190f3a2-7c1e-7000-8000-0000000000a2',
    deviceId: '0190a000-0000-7000-8000-0000000000d2',
  };

  it('names the writer when headquarters sent her name', () => {
    expect(
      describeConflictWriter({ ...writtenElsewhere, writtenByName: '  रीना  ' }, viewer),
    ).toEqual({ kind: 'named', name: 'रीना' });
    expect(
      describeConflictWriter(
        { ...writtenElsewhere, writtenBy: viewer.userId, writtenByName: 'मीना' },
        viewer,
      ),
    ).toEqual({ kind: 'named', name: 'मीना' });
  });

  it('says "you" for the signed-in person, and "this tablet" for another person here', () => {
    expect(
      describeConflictWriter({ ...writtenElsewhere, writtenBy: viewer.userId }, viewer),
    ).toEqual({ kind: 'you' });
    expect(
      describeConflictWriter(
        { writtenBy: null, writtenByName: '', deviceId: viewer.deviceId },
        viewer,
      ),
    ).toEqual({ kind: 'thisTablet' });
  });

  it('says "another tablet" with a short tag otherwise, never the ids', () => {
    const writer = describeConflictWriter({ ...writtenElsewhere, writtenByName: null }, viewer);
    expect(writer).toEqual({ kind: 'otherTablet', deviceTag: '00D2' });
    expect(JSON.stringify(writer)).not.toContain(writtenElsewhere.deviceId);
    expect(JSON.stringify(writer)).not.toContain(writtenElsewhere.writtenBy);
  });
});

describe('shortDeviceTag', () => {
  it('is the last four letters or digits, in capitals', () => {
    expect(shortDeviceTag('0190a000-0000-7000-8000-00000000ab2f')).toBe('AB2F');
    expect(shortDeviceTag('tab-a')).toBe('TABA');
    expect(shortDeviceTag('--')).toBe('?');
  });
});

describe('conflictSchema.writtenByName', () => {
  const kept = {
    id: caseId,
    caseId,
    centreId: caseId,
    recordType: 'case',
    recordId: caseId,
    field: 'riskLevel',
    loser: 'stored',
    value: 'high',
    stamp: stamp(5, 'tab-a'),
    winningStamp: stamp(7, 'tab-b'),
    deviceId: 'tab-a',
    writtenBy: null,
    detectedAt: '2026-11-29T06:00:00.000Z',
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
  };

  it('is optional (older conflicts have none), may be null, and is at most 200 characters', () => {
    expect(conflictSchema.safeParse(kept).success).toBe(true);
    expect(conflictSchema.safeParse({ ...kept, writtenByName: null }).success).toBe(true);
    expect(conflictSchema.safeParse({ ...kept, writtenByName: 'सुनीता वर्मा' }).success).toBe(true);
    expect(conflictSchema.safeParse({ ...kept, writtenByName: 'x'.repeat(201) }).success).toBe(
      false,
    );
  });
});
