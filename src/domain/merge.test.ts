import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatStamp } from './hlc.ts';
import {
  canonicalJson,
  isRemoved,
  isSameValue,
  latestStamp,
  mergeFields,
  pickField,
  valuesOf,
  type FieldMap,
  type FieldState,
} from './merge.ts';

const stampArb = fc
  .record({
    wallMs: fc.integer({ min: 0, max: 50 }),
    counter: fc.integer({ min: 0, max: 3 }),
    deviceId: fc.constantFrom('tab-a', 'tab-b', 'tab-c'),
  })
  .map(formatStamp);

const valueArb = fc.oneof(
  fc.constantFrom('सुनीता', 'Sunita', 'open', 'closed'),
  fc.integer({ min: 0, max: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom('physical', 'dowry'), { maxLength: 2 }),
  fc.record({ b: fc.integer({ min: 0, max: 1 }), a: fc.integer({ min: 0, max: 1 }) }),
);

const fieldArb: fc.Arbitrary<FieldState> = fc.record({ value: valueArb, stamp: stampArb });
// Small field and stamp spaces so copies often touch the same field with the same stamp.
const recordArb: fc.Arbitrary<FieldMap> = fc.dictionary(
  fc.constantFrom('survivorName', 'status', 'riskLevel', 'violenceTypes', 'deleted'),
  fieldArb,
  { maxKeys: 5 },
);

describe('mergeFields', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        expect(mergeFields(a, b)).toEqual(mergeFields(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(recordArb, recordArb, recordArb, (a, b, c) => {
        expect(mergeFields(mergeFields(a, b), c)).toEqual(mergeFields(a, mergeFields(b, c)));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        expect(mergeFields(a, a)).toEqual(a);
        const ab = mergeFields(a, b);
        expect(mergeFields(ab, b)).toEqual(ab);
      }),
    );
  });

  it('converges whatever the order and repetition of delivery', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 6 }), fc.nat(), (copies, seed) => {
        const inOrder = copies.reduce(mergeFields, {});
        const shuffled = [...copies, ...copies.slice(0, seed % copies.length)].sort((x, y) =>
          canonicalJson(x) < canonicalJson(y) ? -1 : 1,
        );
        expect(shuffled.reduce(mergeFields, {})).toEqual(inOrder);
      }),
    );
  });

  it('keeps, per field, the value with the greatest stamp and invents nothing', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        const merged = mergeFields(a, b);
        for (const [name, field] of Object.entries(merged)) {
          expect([a[name], b[name]]).toContainEqual(field);
          for (const side of [a[name], b[name]])
            if (side) expect(field.stamp >= side.stamp).toBe(true);
        }
        expect(Object.keys(merged).sort()).toEqual(
          [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(),
        );
      }),
    );
  });
});

describe('field helpers', () => {
  const s1 = formatStamp({ wallMs: 1, counter: 0, deviceId: 'tab-a' });
  const s2 = formatStamp({ wallMs: 2, counter: 0, deviceId: 'tab-b' });

  it('breaks a same-stamp tie by value so the result does not depend on order', () => {
    const x = { value: 'a', stamp: s1 };
    const y = { value: 'b', stamp: s1 };
    expect(pickField(x, y)).toBe(pickField(y, x));
    expect(pickField(undefined, x)).toBe(x);
    expect(pickField(x, undefined)).toBe(x);
    expect(pickField(undefined, undefined)).toBeUndefined();
  });

  it('compares values by content, ignoring key order', () => {
    expect(isSameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(isSameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(canonicalJson({ z: 1, a: { y: 2, b: 3 } })).toBe('{"a":{"b":3,"y":2},"z":1}');
  });

  it('reads values, tombstones and the latest stamp', () => {
    const fields: FieldMap = {
      survivorName: { value: 'सुनीता', stamp: s1 },
      deleted: { value: true, stamp: s2 },
    };
    expect(valuesOf(fields)).toEqual({ survivorName: 'सुनीता', deleted: true });
    expect(isRemoved(fields)).toBe(true);
    expect(isRemoved({ deleted: { value: false, stamp: s2 } })).toBe(false);
    expect(latestStamp(fields)).toBe(s2);
    expect(latestStamp({})).toBeNull();
  });
});
