import type { FieldErrors, IntakeValues } from './intake-form.ts';

export interface StepProps {
  readonly values: IntakeValues;
  /** Shown only once she has tried to go on, so a blank form does not shout at her. */
  readonly errors: FieldErrors;
  readonly set: <F extends keyof IntakeValues>(field: F, value: IntakeValues[F]) => void;
}
