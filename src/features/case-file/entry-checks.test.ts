import { describe, expect, it } from 'vitest';
import {
  followUpEntrySchema,
  noteEntrySchema,
  serviceEntrySchema,
  stayEntrySchema,
} from '../../domain/entries.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { checkEntryFields } from './entry-checks.ts';

const t = caseFileMessages.hi;

describe('checkEntryFields', () => {
  it('gives each kind of answer the message staff know for it', () => {
    const result = checkEntryFields(
      serviceEntrySchema,
      { kind: null, givenAt: null, durationMinutes: 1441 },
      t,
    );
    expect(result).toEqual({
      isValid: false,
      errors: { kind: t.errorRequired, givenAt: t.errorDateTime, durationMinutes: t.errorDuration },
    });
    expect(checkEntryFields(followUpEntrySchema, { dueDate: '' }, t)).toEqual({
      isValid: false,
      errors: { dueDate: t.errorDate },
    });
  });

  it('asks for a blank note, and says how long a note may be', () => {
    expect(checkEntryFields(noteEntrySchema, { text: null }, t)).toMatchObject({
      errors: { text: t.errorRequired },
    });
    expect(checkEntryFields(noteEntrySchema, { text: 'क'.repeat(20_001) }, t)).toMatchObject({
      errors: { text: 'यह बहुत लंबा है: 20000 अक्षरों से कम रखें।' },
    });
  });

  it('refuses null in a field the form requires though the record may leave it empty', () => {
    expect(checkEntryFields(stayEntrySchema, { dischargedAt: null }, t)).toEqual({
      isValid: true,
      checked: { dischargedAt: null },
    });
    expect(
      checkEntryFields(stayEntrySchema, { dischargedAt: null }, t, { required: ['dischargedAt'] }),
    ).toEqual({ isValid: false, errors: { dischargedAt: t.errorDateTime } });
  });

  it('runs the cross-field rules only on well-formed answers, and returns what passed', () => {
    const rules = (checked: { extendedUntil: string | null }) => ({
      extensionReason: checked.extendedUntil ? 'reason needed' : undefined,
    });
    expect(
      checkEntryFields(stayEntrySchema, { extendedUntil: '2026-02-31x' }, t, { rules }),
    ).toEqual({ isValid: false, errors: { extendedUntil: t.errorDate } });
    expect(
      checkEntryFields(stayEntrySchema, { extendedUntil: '2026-03-18' }, t, { rules }),
    ).toEqual({ isValid: false, errors: { extensionReason: 'reason needed' } });
    expect(
      checkEntryFields(serviceEntrySchema, { kind: 'counselling', durationMinutes: 45 }, t),
    ).toEqual({ isValid: true, checked: { kind: 'counselling', durationMinutes: 45 } });
  });
});
