// A detail field added to the case field table needs no other edit to be typed into a
// form, emptied, saved, reviewed, labelled in a conflict and sent over the wire. This adds
// one to a copy of the table (not the real one) and follows it through each of those.
import { describe, expect, it } from 'vitest';
import { z } from '../src/domain/zod.ts';
import { caseDetailFields, fieldsByStep, shapeOf, textField } from '../src/domain/case-fields.ts';
import { formatStamp } from '../src/domain/hlc.ts';
import type { Mutation } from '../src/domain/protocol.ts';
import { decodeMutations, encodeMutations } from '../src/domain/wire-groups.ts';
import { caseLabelsFrom } from '../src/features/sync-status/conflict-fields.ts';
import {
  emptyFormValuesOf,
  formValuesOf,
  maxLengthsOf,
  reviewGroupsOf,
  toStoredFields,
  type FormValuesOf,
} from '../src/forms/case-field-values.ts';

const fixtureFields = {
  ...caseDetailFields,
  survivorLanguage: textField(
    'survivor',
    { hi: 'वे कौन सी भाषा बोलती हैं', en: 'Language she speaks' },
    60,
    { shortLabel: { hi: 'भाषा', en: 'Language' } },
  ),
};
type FixtureValues = FormValuesOf<typeof fixtureFields>;

const typed = (survivorLanguage: string): FixtureValues => ({
  ...emptyFormValuesOf(fixtureFields),
  arrivalRoute: 'walk_in',
  survivorName: 'Sunita Devi',
  survivorLanguage,
});

describe('a field added to the case field table', () => {
  it('is a form value, empty at first, and saved trimmed (blank is null)', () => {
    expect(emptyFormValuesOf(fixtureFields).survivorLanguage).toBe('');
    expect(toStoredFields(fixtureFields, typed('  Bhojpuri ')).survivorLanguage).toBe('Bhojpuri');
    expect(toStoredFields(fixtureFields, typed('   ')).survivorLanguage).toBeNull();
  });

  it('comes back into the form from a saved case, and from one saved before it existed', () => {
    const saved = toStoredFields(fixtureFields, typed('Awadhi'));
    expect(formValuesOf(fixtureFields, saved).survivorLanguage).toBe('Awadhi');
    const { survivorLanguage: _absent, ...older } = saved;
    expect(formValuesOf(fixtureFields, older).survivorLanguage).toBe('');
  });

  it('is asked on its step and checked against its own limit', () => {
    expect(fieldsByStep(fixtureFields).survivor).toContain('survivorLanguage');
    expect(fieldsByStep(fixtureFields).incident).not.toContain('survivorLanguage');
    expect(maxLengthsOf(fixtureFields).survivorLanguage).toBe(60);
  });

  it('shows on the review, under its step, with its short label, once it is filled', () => {
    const survivorRows = (language: string, lang: 'hi' | 'en') =>
      reviewGroupsOf(fixtureFields, typed(language), lang).find(
        (group) => group.step === 'survivor',
      )?.rows;
    expect(survivorRows('Bhojpuri', 'en')).toContainEqual({
      field: 'survivorLanguage',
      label: 'Language',
      value: 'Bhojpuri',
    });
    expect(survivorRows('भोजपुरी', 'hi')).toContainEqual({
      field: 'survivorLanguage',
      label: 'भाषा',
      value: 'भोजपुरी',
    });
    expect(survivorRows('', 'hi')?.map((row) => row.field)).not.toContain('survivorLanguage');
  });

  it('is named in a conflict in both languages', () => {
    expect(caseLabelsFrom(fixtureFields).survivorLanguage).toEqual({ hi: 'भाषा', en: 'Language' });
    expect(caseLabelsFrom(caseDetailFields).survivorLanguage).toBeUndefined();
  });

  it('is checked by its schema and travels over the wire unchanged', () => {
    const schema = z.strictObject(shapeOf(fixtureFields));
    const saved = toStoredFields(fixtureFields, typed('Bhojpuri'));
    expect(schema.safeParse(saved).success).toBe(true);
    expect(schema.safeParse({ ...saved, survivorLanguage: 'x'.repeat(61) }).success).toBe(false);

    const stamp = formatStamp({ wallMs: Date.UTC(2026, 10, 30), counter: 0, deviceId: 'tab-a' });
    const caseId = '0190f3a2-7c1e-7000-8000-000000000001';
    const mutations: Mutation[] = [
      {
        id: '0190f3a2-7c1e-7000-8000-000000000002',
        recordType: 'case',
        recordId: caseId,
        caseId,
        fields: Object.fromEntries(
          Object.entries(saved).map(([field, value]) => [field, { value, stamp, base: null }]),
        ),
      },
    ];
    const travelled = JSON.parse(JSON.stringify(encodeMutations(mutations))) as ReturnType<
      typeof encodeMutations
    >;
    const decoded = decodeMutations(travelled);
    expect(decoded).toEqual(mutations);
    expect(decoded[0]?.fields.survivorLanguage?.value).toBe('Bhojpuri');
  });
});
