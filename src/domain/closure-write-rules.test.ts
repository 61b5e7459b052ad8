import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closureRequestOf, closureSendBackOf, closureStageOf, reopeningOf } from './closure.ts';
import { closureStateRules, findClosureRefusal } from './closure-write-rules.ts';
import { mergeFields, valuesOf, type FieldMap } from './merge.ts';
import type { RecordType } from './protocol.ts';
import { closureApprovalOf } from './write-rules.ts';

const manager = { role: 'manager' as const, userId: '01900000-0000-7000-8000-00000000000a' };
const device = '01900000-0000-7000-8000-0000000000d1';
const at = '2026-03-10T05:00:00.000Z';
const by = { userId: manager.userId, at };

/** Stamps order as strings: a later letter is a later write. */
const stampAt = (wall: string) => `${wall.padStart(9, '0')}-0000-${device}`;

function fieldsOf(values: Record<string, unknown>, wall: string): FieldMap {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, stamp: stampAt(wall) }]),
  );
}

const openCase = fieldsOf(
  { status: 'open', closureRequestedAt: null, closureRequestedBy: null, riskLevel: 'low' },
  '1',
);
const requested = {
  ...openCase,
  ...fieldsOf(closureRequestOf(by, 'services_completed', null), '2'),
};
const closed = { ...requested, ...fieldsOf(closureApprovalOf(manager, at), '3') };

function refusalOf(
  recordType: RecordType,
  values: Record<string, unknown>,
  wall: string,
  storedCase: FieldMap | null,
  stored: FieldMap | null = recordType === 'case' ? storedCase : null,
) {
  return findClosureRefusal({ recordType, fields: fieldsOf(values, wall), stored, storedCase })
    ?.rule.name;
}

describe('findClosureRefusal on a case', () => {
  it('allows a request, then an approval, a send-back and a reopening', () => {
    expect(
      refusalOf('case', closureRequestOf(by, 'other', 'Moved'), '4', openCase),
    ).toBeUndefined();
    expect(refusalOf('case', closureApprovalOf(manager, at), '4', requested)).toBeUndefined();
    expect(refusalOf('case', closureSendBackOf(by, 'Wait.'), '4', requested)).toBeUndefined();
    expect(refusalOf('case', reopeningOf(by, 'She came back.'), '4', closed)).toBeUndefined();
  });

  it('allows a new case that arrives requested and approved, as one tablet saved it', () => {
    const values = {
      ...closureRequestOf(by, 'services_completed', null),
      ...closureApprovalOf(manager, at),
    };
    expect(refusalOf('case', values, '4', null)).toBeUndefined();
  });

  it('refuses closing a case nobody asked to close', () => {
    expect(refusalOf('case', closureApprovalOf(manager, at), '4', openCase)).toBe(
      'closing_only_a_requested_closure',
    );
    expect(refusalOf('case', { status: 'closed' }, '4', null)).toBe(
      'closing_only_a_requested_closure',
    );
  });

  it('refuses clearing a request other than by sending it back', () => {
    const cleared = { closureRequestedBy: null, closureRequestedAt: null };
    expect(refusalOf('case', cleared, '4', requested)).toBe('clearing_a_request_by_sending_back');
    // Clearing it on a case with no request changes no stage.
    expect(refusalOf('case', cleared, '4', openCase)).toBeUndefined();
  });

  it('refuses opening a closed case other than by reopening it', () => {
    expect(refusalOf('case', { status: 'open' }, '4', closed)).toBe(
      'opening_a_closed_case_by_reopening',
    );
    expect(refusalOf('case', { status: 'in_stay' }, '4', closed)).toBe(
      'opening_a_closed_case_by_reopening',
    );
  });

  it('refuses changing a closed case after its closure, but merges a change made before it', () => {
    const refusal = findClosureRefusal({
      recordType: 'case',
      fields: fieldsOf({ riskLevel: 'high' }, '4'),
      stored: closed,
      storedCase: closed,
    });
    expect(refusal?.rule.name).toBe('keeping_a_closed_case');
    expect(refusal?.field).toBe('riskLevel');
    expect(refusal?.rule.reason.hi).toMatch(/[\u0900-\u097F]/);
    expect(refusal?.rule.reason.en).toMatch(/reopen/);
    // Made offline before the closure (a smaller stamp): it loses to nothing and is kept.
    expect(refusalOf('case', { riskLevel: 'high' }, '2', closed)).toBeUndefined();
    // An older status write cannot reopen it either: the closure's stamp wins the merge.
    expect(refusalOf('case', { status: 'in_stay' }, '2', closed)).toBeUndefined();
  });

  it('reads a case stored without a status stamp as closed by nobody in particular', () => {
    expect(refusalOf('case', { riskLevel: 'high' }, '4', {})).toBeUndefined();
  });
});

describe('findClosureRefusal on an entry', () => {
  const service = { kind: 'counselling', givenAt: at };

  it('allows any entry on an open or requested case', () => {
    expect(refusalOf('service', service, '4', openCase)).toBeUndefined();
    expect(refusalOf('stay', { dischargedAt: at }, '4', requested)).toBeUndefined();
    expect(refusalOf('service', service, '4', null)).toBeUndefined();
  });

  it('refuses entries after the closure except a note, which may not be removed', () => {
    for (const type of ['service', 'stay', 'referral', 'followUp'] as const) {
      expect(refusalOf(type, { deleted: false }, '4', closed)).toBe('keeping_a_closed_case');
    }
    expect(refusalOf('note', { text: 'She phoned.', deleted: false }, '4', closed)).toBeUndefined();
    expect(refusalOf('note', { deleted: true }, '4', closed)).toBe('keeping_a_closed_case');
  });

  it('merges an entry written before the closure', () => {
    expect(refusalOf('service', service, '2', closed)).toBeUndefined();
  });

  it('never judges conflict records', () => {
    expect(refusalOf('conflict', { resolution: 'kept' }, '4', closed)).toBeUndefined();
  });
});

describe('findClosureRefusal on a case, merging only the fields the stage reads', () => {
  /** The rule as first written: the stage read from the whole merged record. */
  function refusalByWholeMerge(fields: FieldMap, stored: FieldMap): string | undefined {
    const merged = valuesOf(mergeFields(stored, fields));
    const from = closureStageOf(valuesOf(stored));
    const to = closureStageOf(merged);
    const isSet = (name: string) => (fields[name]?.value ?? null) !== null;
    if (from === 'closed') {
      if (to !== 'closed') return isSet('reopenedAt') ? undefined : 'reopenOnly';
      const closedAt = stored.status?.stamp;
      const late =
        closedAt === undefined ? [] : Object.values(fields).filter((f) => f.stamp > closedAt);
      return late.length === 0 ? undefined : 'closedCase';
    }
    if (to === 'closed' && (merged.closureRequestedAt ?? null) === null) return 'requestFirst';
    if (from === 'requested' && to === 'active' && !isSet('closureSentBackAt')) {
      return 'sendBackOnly';
    }
    return undefined;
  }

  const fieldArb = fc.record({
    value: fc.constantFrom<unknown>('open', 'closed', null, at, '2026-04-01T00:00:00.000Z'),
    stamp: fc.constantFrom('1', '2', '3').map(stampAt),
  });
  const fieldMapArb = fc.dictionary(
    fc.constantFrom('status', 'closureRequestedAt', 'closureSentBackAt', 'reopenedAt', 'riskLevel'),
    fieldArb,
  );

  it('refuses exactly what the whole-record merge refuses', () => {
    const names = new Map(
      Object.entries(closureStateRules).map(([key, rule]) => [rule.name, key] as const),
    );
    fc.assert(
      fc.property(fieldMapArb, fieldMapArb, (fields, stored) => {
        const refusal = findClosureRefusal({
          recordType: 'case',
          fields,
          stored,
          storedCase: stored,
        });
        const named = refusal === null ? undefined : names.get(refusal.rule.name);
        expect(named).toBe(refusalByWholeMerge(fields, stored));
      }),
      { numRuns: 1000 },
    );
  });
});
