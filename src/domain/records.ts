/**
 * Which schema governs each record type, and how a mutation's fields are checked.
 *
 * A mutation carries only the fields it changed, so it is checked field by field against
 * its record's schema; never as a whole record, and never on a combination of fields
 * (see case.ts: a merge can join fields no one saved together, and a saved write must
 * not be refused for that).
 */
import type { z } from './zod.ts';
import { caseSchema } from './case.ts';
import { conflictSchema } from './conflicts.ts';
import { entrySchemas } from './entries.ts';
import type { RecordType } from './protocol.ts';

export const recordSchemas = {
  case: caseSchema,
  ...entrySchemas,
  conflict: conflictSchema,
} as const satisfies Record<RecordType, z.ZodMiniObject>;

export interface FieldProblem {
  readonly field: string;
  readonly code: 'unknown_field' | 'invalid_value';
  /** What zod found wrong, for the log and for a developer; staff see a bilingual message. */
  readonly detail: string;
}

export function checkMutationFields(
  recordType: RecordType,
  fields: Readonly<Record<string, { readonly value: unknown }>>,
): FieldProblem[] {
  const shape: Record<string, z.ZodMiniType> = recordSchemas[recordType].shape;
  const problems: FieldProblem[] = [];
  // A push checks every field of every mutation: no entry arrays made per field.
  for (const field in fields) {
    if (!Object.hasOwn(fields, field)) continue;
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    const problem = schema
      ? findValueProblem(schema, field, fields[field]!.value)
      : unknownField(recordType, field);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * `checkMutationFields` of every row of a run of mutations of one record type that change
 * the same fields (a push's wire group): `problems[row]` is what it finds for that row,
 * in the same order, with the same details; absent where it finds nothing.
 *
 * Why a column at a time: one schema over a column's values, call after call, is ~40%
 * faster than every schema in turn per row. And a column's values repeat (codes, null,
 * the centre, the registering user): the record schemas are pure functions of the value
 * (no transform, nothing read from the clock or elsewhere), so a short plain value the
 * column has already passed passes again and is not parsed twice.
 */
export function checkFieldColumns(
  recordType: RecordType,
  names: readonly string[],
  columns: readonly (readonly unknown[])[],
  rows: number,
): (FieldProblem[] | undefined)[] {
  const shape: Record<string, z.ZodMiniType> = recordSchemas[recordType].shape;
  const problems: (FieldProblem[] | undefined)[] = new Array<undefined>(rows);
  for (let index = 0; index < names.length; index++) {
    const field = names[index]!;
    const column = columns[index]!;
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) {
      for (let row = 0; row < rows; row++) {
        (problems[row] ??= []).push(unknownField(recordType, field));
      }
      continue;
    }
    const passed = new Set<unknown>();
    for (let row = 0; row < rows; row++) {
      const value = column[row];
      if (passed.has(value)) continue;
      const problem = findValueProblem(schema, field, value);
      if (problem) (problems[row] ??= []).push(problem);
      else if (isShortPlainValue(value)) passed.add(value);
    }
  }
  return problems;
}

function findValueProblem(
  schema: z.ZodMiniType,
  field: string,
  value: unknown,
): FieldProblem | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  return { field, code: 'invalid_value', detail: parsed.error.issues[0]?.message ?? 'invalid' };
}

function unknownField(recordType: RecordType, field: string): FieldProblem {
  return { field, code: 'unknown_field', detail: `${recordType} has no field ${field}` };
}

/**
 * Values worth remembering as passed: compared by value in a Set, and cheap to hash. A
 * long text (a narrative) seldom repeats, and an object or list is compared by identity,
 * so neither is remembered.
 */
function isShortPlainValue(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'boolean' ||
    // -0 is a Set's 0: left out, so no schema's view of the two is assumed alike.
    (typeof value === 'number' && !Object.is(value, -0)) ||
    (typeof value === 'string' && value.length <= 64)
  );
}
