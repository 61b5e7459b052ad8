import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedShapes } from './fixed-shape.ts';

const namesArb = fc.uniqueArray(
  fc.oneof(fc.constantFrom('__proto__', 'toString', 'constructor', 'id'), fc.string()),
  { maxLength: 8 },
);

describe('FixedShapes', () => {
  it('gives a new object with exactly the names as own keys, in order, whatever came before', () => {
    const shapes = new FixedShapes();
    fc.assert(
      fc.property(fc.array(namesArb, { minLength: 1, maxLength: 6 }), (lists) => {
        for (const names of lists) {
          const first = shapes.blankOf(names);
          const second = shapes.blankOf(names);
          expect(first).not.toBe(second);
          expect(Reflect.ownKeys(first)).toEqual(
            // Integer-like keys come first in any JS object, as JSON.parse would make them.
            Reflect.ownKeys(Object.fromEntries(names.map((name) => [name, null]))),
          );
          expect(Object.values(first).every((value) => value === null)).toBe(true);
          expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
          first[names[0] ?? 'x'] = 1;
          expect(shapes.blankOf(names)[names[0] ?? 'x']).not.toBe(1);
        }
      }),
    );
  });
});
