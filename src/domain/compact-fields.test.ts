import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactFields, expandFields } from './compact-fields.ts';
import { formatStamp } from './hlc.ts';
import type { FieldMap } from './merge.ts';
import { WireFormatError } from './wire-group-schemas.ts';

const stamp = (wallMs: number, deviceId = 'tab-a') =>
  formatStamp({ wallMs: Date.UTC(2026, 10, 29) + wallMs, counter: 0, deviceId });

describe('compact fields', () => {
  it('keep one stamp for most fields and list the others', () => {
    const fields: FieldMap = {
      status: { value: 'open', stamp: stamp(1) },
      riskLevel: { value: 'high', stamp: stamp(2) },
      survivorName: { value: 'सुनीता', stamp: stamp(1) },
    };
    const packed = compactFields(fields);
    expect(packed).toEqual({
      stamp: stamp(1),
      values: { riskLevel: 'high', status: 'open', survivorName: 'सुनीता' },
      stamps: { riskLevel: stamp(2) },
    });
    expect(Object.keys(packed.values)).toEqual(['riskLevel', 'status', 'survivorName']);
    expect(expandFields(packed)).toEqual(fields);
  });

  it('pick the greater stamp on a tie, whatever the order', () => {
    const a = { value: 1, stamp: stamp(1) };
    const b = { value: 2, stamp: stamp(2) };
    expect(compactFields({ x: a, y: b }).stamp).toBe(stamp(2));
    expect(compactFields({ y: b, x: a }).stamp).toBe(stamp(2));
    expect(() => compactFields({})).toThrow(WireFormatError);
  });

  it('sort every record of a run, whatever order and lists the records come in', () => {
    // Records of one list in a row reuse its sorted order; a new list, or the same names
    // in another order, must be sorted afresh.
    const name = fc.constantFrom('status', 'riskLevel', 'survivorName', 'caseId', 'b', 'a');
    const record = fc.uniqueArray(name, { minLength: 1, maxLength: 6 }).chain((names) =>
      fc.tuple(
        fc.constant(names),
        fc.array(fc.integer({ min: 0, max: 3 }), {
          minLength: names.length,
          maxLength: names.length,
        }),
      ),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.nat({ max: 3 }), (records, repeat) => {
        const run = records.flatMap((entry) => Array.from({ length: repeat + 1 }, () => entry));
        for (const [names, stamps] of run) {
          const fields: FieldMap = Object.fromEntries(
            names.map((field, i) => [field, { value: i, stamp: stamp(stamps[i]!) }]),
          );
          const packed = compactFields(fields);
          expect(Object.keys(packed.values)).toEqual([...names].sort());
          expect(expandFields(packed)).toEqual(fields);
        }
      }),
    );
  });
});
