import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatStamp } from './hlc.ts';
import {
  detectConflicts,
  detectEditAfterRemoval,
  detectFieldConflict,
  conflictSchema,
} from './conflicts.ts';
import { mergeFields, type FieldMap } from './merge.ts';

const stamp = (wallMs: number, deviceId: string) => formatStamp({ wallMs, counter: 0, deviceId });

describe('detectFieldConflict', () => {
  const stored = { value: '9876543210', stamp: stamp(10, 'tab-b') };

  it('is silent when the incoming write saw the stored value', () => {
    expect(
      detectFieldConflict('survivorPhone', stored, {
        value: '9123456789',
        stamp: stamp(20, 'tab-a'),
        base: stored.stamp,
      }),
    ).toBeNull();
  });

  it('is silent when nothing was stored, when one device wrote both, or when the values agree', () => {
    const incoming = { value: '9123456789', stamp: stamp(20, 'tab-a'), base: null };
    expect(detectFieldConflict('survivorPhone', undefined, incoming)).toBeNull();
    expect(
      detectFieldConflict('survivorPhone', { ...stored, stamp: stamp(5, 'tab-a') }, incoming),
    ).toBeNull();
    expect(
      detectFieldConflict('survivorPhone', stored, { ...incoming, value: '9876543210' }),
    ).toBeNull();
  });

  it('keeps the stored value when an unseeing incoming write wins', () => {
    const conflict = detectFieldConflict('survivorPhone', stored, {
      value: '9123456789',
      stamp: stamp(20, 'tab-a'),
      base: null,
    });
    expect(conflict).toEqual({
      field: 'survivorPhone',
      loser: 'stored',
      value: '9876543210',
      stamp: stored.stamp,
      deviceId: 'tab-b',
      winningStamp: stamp(20, 'tab-a'),
    });
  });

  it('keeps the incoming value when it loses to a write it did not see', () => {
    const base = stamp(1, 'tab-c');
    const conflict = detectFieldConflict('survivorPhone', stored, {
      value: '9123456789',
      stamp: stamp(8, 'tab-a'),
      base,
    });
    expect(conflict?.loser).toBe('incoming');
    expect(conflict?.value).toBe('9123456789');
    expect(conflict?.deviceId).toBe('tab-a');
    expect(conflict?.winningStamp).toBe(stored.stamp);
  });

  it('never loses a write: after merge each written value is current or kept as a conflict', () => {
    // Two tablets each write from the same base without seeing each other.
    const valueArb = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(
        valueArb,
        valueArb,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (va, vb, ta, tb) => {
          const base = { value: 'base', stamp: stamp(0, 'tab-c') };
          const a = { value: va, stamp: stamp(ta, 'tab-a'), base: base.stamp };
          const b = { value: vb, stamp: stamp(tb, 'tab-b'), base: base.stamp };
          const afterA = mergeFields({ f: base }, { f: a });
          const conflict = detectFieldConflict('f', afterA.f, b);
          const final = mergeFields(afterA, { f: b }).f!;
          for (const write of [a, b]) {
            const kept =
              final.stamp === write.stamp || (conflict !== null && conflict.stamp === write.stamp);
            const sameValue = final.value === write.value;
            expect(kept || sameValue).toBe(true);
          }
        },
      ),
    );
  });
});

describe('detectEditAfterRemoval', () => {
  const removed: FieldMap = {
    survivorName: { value: 'सुनीता', stamp: stamp(1, 'tab-a') },
    deleted: { value: true, stamp: stamp(10, 'tab-a') },
  };

  it('keeps an edit from another device that reaches a removed record', () => {
    const conflict = detectEditAfterRemoval(removed, {
      survivorName: { value: 'सुनीता देवी', stamp: stamp(12, 'tab-b'), base: stamp(1, 'tab-a') },
    });
    expect(conflict).toMatchObject({
      field: 'deleted',
      loser: 'incoming',
      deviceId: 'tab-b',
      value: { survivorName: 'सुनीता देवी' },
    });
  });

  it('is silent for the removing device, for a record not removed, and for a change to the removal itself', () => {
    const ownEdit = {
      survivorName: { value: 'x', stamp: stamp(12, 'tab-a'), base: stamp(1, 'tab-a') },
    };
    expect(detectEditAfterRemoval(removed, ownEdit)).toBeNull();
    expect(
      detectEditAfterRemoval(
        { ...removed, deleted: { value: false, stamp: stamp(10, 'tab-a') } },
        {
          survivorName: { value: 'x', stamp: stamp(12, 'tab-b'), base: null },
        },
      ),
    ).toBeNull();
    expect(
      detectEditAfterRemoval(removed, {
        deleted: { value: false, stamp: stamp(12, 'tab-b'), base: stamp(10, 'tab-a') },
      }),
    ).toBeNull();
  });
});

describe('detectConflicts', () => {
  it('lists field conflicts and the edit-after-removal together', () => {
    const stored: FieldMap = {
      riskLevel: { value: 'high', stamp: stamp(5, 'tab-a') },
      deleted: { value: true, stamp: stamp(6, 'tab-a') },
    };
    const conflicts = detectConflicts(stored, {
      riskLevel: { value: 'low', stamp: stamp(7, 'tab-b'), base: null },
    });
    expect(conflicts.map((c) => c.field)).toEqual(['riskLevel', 'deleted']);
    expect(
      detectConflicts({}, { riskLevel: { value: 'low', stamp: stamp(7, 'tab-b'), base: null } }),
    ).toEqual([]);
  });

  it('describes a kept conflict with a schema', () => {
    const id = '0190f3a2-7c1e-7000-8000-000000000001';
    const parsed = conflictSchema.safeParse({
      id,
      caseId: id,
      centreId: id,
      recordType: 'case',
      recordId: id,
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
    });
    expect(parsed.success).toBe(true);
  });
});
