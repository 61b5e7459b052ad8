import { describe, expect, it } from 'vitest';
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
});
