/**
 * How any field of a case field table (domain/case-fields.ts) is held in a form, and how
 * it becomes a stored value and back. Generic over the table, so a field added there is
 * typed, emptied, converted, length-checked and reviewed with no edit here.
 *
 * What must stay true: a form holds strings for what staff type (a half-typed age or
 * phone survives), and the stored value never holds '' (records say "not known" as null).
 */
import {
  caseDetailSteps,
  type CaseDetailStep,
  type CaseFieldSpec,
  type CaseFieldTable,
} from '../domain/case-fields.ts';
import { normalizeIndianMobile } from '../domain/common-fields.ts';
import { labelOf, type CodeOf, type Lang, type Vocabulary } from '../domain/vocabulary.ts';
import { appMessages } from '../i18n/messages.ts';
import {
  formatDate,
  formatDateTime,
  fromLocalDateTimeInput,
  isCalendarDateInput,
  toLocalDateTimeInput,
} from '../ui/datetime.ts';

/** What a form holds for a field of this spec. */
export type FormValueOf<S> = S extends { kind: 'code'; vocabulary: infer V extends Vocabulary }
  ? CodeOf<V> | ''
  : S extends { kind: 'codes'; vocabulary: infer V extends Vocabulary }
    ? CodeOf<V>[]
    : S extends { kind: 'yesNo' }
      ? boolean | null
      : string;

export type FormValuesOf<T extends CaseFieldTable> = {
  -readonly [F in keyof T]: FormValueOf<T[F]>;
};

type FormValue = string | readonly string[] | boolean | null;

function emptyFormValue(spec: CaseFieldSpec): FormValue {
  if (spec.kind === 'codes') return [];
  if (spec.kind === 'yesNo') return null;
  return '';
}

export function emptyFormValuesOf<T extends CaseFieldTable>(table: T): FormValuesOf<T> {
  return Object.fromEntries(
    Object.entries(table).map(([field, spec]) => [field, emptyFormValue(spec)]),
  ) as FormValuesOf<T>;
}

function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A whole number from min to max, or null when the answer is not one. */
export function toWholeNumber(value: string, min: number, max: number): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : null;
}

function toStoredValue(spec: CaseFieldSpec, value: FormValue): unknown {
  const typed = typeof value === 'string' ? value : '';
  switch (spec.kind) {
    case 'name':
      return typed.trim();
    case 'text':
      return text(typed);
    case 'wholeNumber':
      return toWholeNumber(typed, spec.min, spec.max);
    case 'date':
      return isCalendarDateInput(typed) ? typed : null;
    case 'dateTime':
      return fromLocalDateTimeInput(typed);
    case 'phone':
      return normalizeIndianMobile(typed);
    case 'code':
      return typed === '' ? spec.whenBlank : typed;
    case 'codes': {
      const codes: string[] = Array.isArray(value) ? [...(value as readonly string[])] : [];
      return codes.length === 0 && spec.isNullWhenNone ? null : codes;
    }
    case 'yesNo':
      return typeof value === 'boolean' ? value : null;
  }
}

function toFormValue(spec: CaseFieldSpec, stored: unknown): FormValue {
  // A field added after the case was saved is missing from it: "not known yet".
  if (stored === null || stored === undefined) return emptyFormValue(spec);
  if (spec.kind === 'codes') return Array.isArray(stored) ? [...(stored as string[])] : [];
  if (spec.kind === 'yesNo') return typeof stored === 'boolean' ? stored : null;
  if (typeof stored !== 'string' && typeof stored !== 'number') return emptyFormValue(spec);
  if (spec.kind === 'dateTime') return toLocalDateTimeInput(new Date(stored));
  return String(stored);
}

/** The fields as they would be saved: trimmed, normalised, never ''. */
export function toStoredFields<T extends CaseFieldTable>(
  table: T,
  values: FormValuesOf<T>,
): Record<keyof T, unknown> {
  return Object.fromEntries(
    Object.entries(table).map(([field, spec]) => [
      field,
      toStoredValue(spec, (values as Record<string, FormValue>)[field] ?? null),
    ]),
  ) as Record<keyof T, unknown>;
}

/** A saved record's fields as the form shows them, to correct them. */
export function formValuesOf<T extends CaseFieldTable>(
  table: T,
  record: Readonly<Record<string, unknown>>,
): FormValuesOf<T> {
  return Object.fromEntries(
    Object.entries(table).map(([field, spec]) => [field, toFormValue(spec, record[field])]),
  ) as FormValuesOf<T>;
}

/** The longest text each text field takes, as its schema says. */
export function maxLengthsOf<T extends CaseFieldTable>(table: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(
    Object.entries(table).flatMap(([field, spec]) =>
      spec.kind === 'name' || spec.kind === 'text' ? [[field, spec.maxLength]] : [],
    ),
  ) as Partial<Record<keyof T, number>>;
}

/**
 * An answer as the review shows it before saving: codes by their labels, yes or no in words,
 * dates as the screens show them (India days, dd/mm/yyyy), a phone as it will be saved;
 * '' when nothing is given.
 */
export function showFormValue(spec: CaseFieldSpec, value: FormValue, lang: Lang): string {
  if (spec.kind === 'code' && typeof value === 'string' && value !== '') {
    return labelOf(spec.vocabulary, value, lang);
  }
  if (spec.kind === 'codes' && Array.isArray(value)) {
    return value.map((code: string) => labelOf(spec.vocabulary, code, lang)).join(', ');
  }
  if (spec.kind === 'yesNo' && typeof value === 'boolean') {
    return value ? appMessages[lang].yes : appMessages[lang].no;
  }
  if (typeof value !== 'string') return '';
  if (spec.kind === 'phone') return normalizeIndianMobile(value) ?? '';
  if (spec.kind === 'date') return isCalendarDateInput(value) ? formatDate(value, lang) : '';
  if (spec.kind === 'dateTime') {
    const instant = fromLocalDateTimeInput(value);
    return instant ? formatDateTime(instant, lang) : '';
  }
  return value.trim();
}

export interface ReviewRow {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

export interface ReviewGroup {
  readonly step: CaseDetailStep;
  readonly rows: readonly ReviewRow[];
}

/**
 * What she filled, for intake's review: every answered field, grouped by the step that asks
 * it, in intake's order. A step with nothing filled is still listed (empty), so staff can
 * go back to it from the review.
 */
export function reviewGroupsOf<T extends CaseFieldTable>(
  table: T,
  values: FormValuesOf<T>,
  lang: Lang,
): ReviewGroup[] {
  const answered = Object.entries(table).flatMap(([field, spec]) => {
    const value = showFormValue(spec, (values as Record<string, FormValue>)[field] ?? null, lang);
    return value === ''
      ? []
      : [{ step: spec.step, row: { field, label: (spec.shortLabel ?? spec.label)[lang], value } }];
  });
  return caseDetailSteps.map((step) => ({
    step,
    rows: answered.filter((answer) => answer.step === step).map((answer) => answer.row),
  }));
}
