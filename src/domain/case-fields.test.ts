import { describe, expect, it } from 'vitest';
import {
  caseDetailFields,
  caseDetailSteps,
  caseFieldLabelsIn,
  fieldsByStep,
  shortLabelsOf,
} from './case-fields.ts';
import { caseDetailBlanks, caseSchema, identifyingCaseFields } from './case.ts';

const fields = Object.keys(caseDetailFields) as (keyof typeof caseDetailFields)[];

describe('the case field table', () => {
  it('is where the case schema gets every detail field', () => {
    for (const field of fields) {
      expect(caseSchema.shape[field]).toBe(caseDetailFields[field].schema);
    }
  });

  it('asks each field on exactly one intake step', () => {
    const asked = caseDetailSteps.flatMap((step) => fieldsByStep(caseDetailFields)[step]);
    expect([...asked].sort()).toEqual([...fields].sort());
  });

  it('has a blank for every field but her name and arrival, which the schema accepts', () => {
    expect(Object.keys(caseDetailBlanks).sort()).toEqual(
      fields.filter((field) => field !== 'survivorName' && field !== 'arrivalRoute').sort(),
    );
    for (const [field, blank] of Object.entries(caseDetailBlanks)) {
      expect(
        caseSchema.shape[field as keyof typeof caseDetailBlanks].safeParse(blank).success,
      ).toBe(true);
    }
  });

  it('keeps free text identifying, and each limit in its schema', () => {
    for (const field of fields) {
      const spec = caseDetailFields[field];
      if (spec.kind !== 'text' && spec.kind !== 'name') continue;
      expect(identifyingCaseFields).toContain(field);
      expect(spec.schema.safeParse('x'.repeat(spec.maxLength)).success).toBe(true);
      expect(spec.schema.safeParse('x'.repeat(spec.maxLength + 1)).success).toBe(false);
    }
  });

  it('labels every field in both languages, with a noun where the form asks a question', () => {
    for (const lang of ['hi', 'en'] as const) {
      const labels = caseFieldLabelsIn(lang);
      for (const field of fields) expect(labels[field]).not.toBe('');
    }
    expect(shortLabelsOf(caseDetailFields).arrivalRoute).toEqual({ hi: 'आगमन', en: 'Arrival' });
    expect(shortLabelsOf(caseDetailFields).riskLevel).toBe(caseDetailFields.riskLevel.label);
  });
});
