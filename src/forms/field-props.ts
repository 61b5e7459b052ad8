import type { CaseDetailsValues, FieldErrors } from './case-details-values.ts';

/** What each group of her case's fields gets: the answers, what to fix, and a way to change one. */
export interface CaseDetailsFieldProps {
  readonly values: CaseDetailsValues;
  /** Shown only once she has tried to go on or save, so a blank form does not shout at her. */
  readonly errors: FieldErrors;
  readonly set: <F extends keyof CaseDetailsValues>(field: F, value: CaseDetailsValues[F]) => void;
}
