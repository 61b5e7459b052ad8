import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkMutationFields, recordSchemas } from './records.ts';
import { recordTypes } from './protocol.ts';

describe('checkMutationFields', () => {
  it('has a schema for every record type the protocol names', () => {
    expect(Object.keys(recordSchemas).sort()).toEqual([...recordTypes].sort());
  });

  it('accepts valid changed fields one by one', () => {
    expect(
      checkMutationFields('case', {
        survivorName: { value: 'सुनीता' },
        riskLevel: { value: 'high' },
      }),
    ).toEqual([]);
    expect(checkMutationFields('stay', { extensionReason: { value: 'मेडिकल जांच बाकी है' } })).toEqual(
      [],
    );
  });

  it('names each bad or unknown field', () => {
    const problems = checkMutationFields('case', {
      survivorPhone: { value: '12345' },
      survivorAgeYears: { value: 130 },
      favouriteColour: { value: 'blue' },
      toString: { value: 'x' },
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['survivorPhone', 'invalid_value'],
      ['survivorAgeYears', 'invalid_value'],
      ['favouriteColour', 'unknown_field'],
      ['toString', 'unknown_field'],
    ]);
  });

  it('gives the same verdict as checking each field on its own (whole-mutation fast path)', () => {
    // Values that pass some fields' schemas and fail others', so both verdicts occur.
    const valueArb = fc.constantFrom<unknown>(
      'सुनीता',
      'high',
      'open',
      '9876543210',
      '2026-03-08',
      '2026-03-08T09:30:00.000Z',
      '0190f3a2-7c1e-7000-8000-000000000001',
      30,
      -1,
      true,
      null,
      [],
      ['physical'],
      {},
      undefined,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...recordTypes),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), valueArb), { maxLength: 6 }),
        (recordType, picks) => {
          const shape: Record<string, z.ZodType> = recordSchemas[recordType].shape;
          const names = [...Object.keys(shape), 'favouriteColour'];
          const fields = Object.fromEntries(
            picks.map(([index, value]) => [names[index % names.length]!, { value }]),
          );
          const oneByOne = Object.entries(fields).every(
            ([name, { value }]) =>
              Object.hasOwn(shape, name) && shape[name]!.safeParse(value).success,
          );
          expect(checkMutationFields(recordType, fields).length === 0).toBe(oneByOne);
        },
      ),
      { numRuns: 500 },
    );
  });
});
