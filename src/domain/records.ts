/**
 * Which schema governs each record type, and how a mutation's fields are checked.
 *
 * A mutation carries only the fields it changed, so it is checked field by field against
 * its record's schema; never as a whole record, and never on a combination of fields
 * (see case.ts: a merge can join fields no one saved together, and a saved write must
 * not be refused for that).
 */
import { z } from 'zod';
import { caseSchema } from './case.ts';
import { conflictSchema } from './conflicts.ts';
import { entrySchemas } from './entries.ts';
import type { RecordType } from './protocol.ts';

export const recordSchemas = {
  case: caseSchema,
  ...entrySchemas,
  conflict: conflictSchema,
} as const satisfies Record<RecordType, z.ZodObject>;

export interface FieldProblem {
  readonly field: string;
  readonly code: 'unknown_field' | 'invalid_value';
  /** What zod found wrong, for the log and for a developer; staff see a bilingual message. */
  readonly detail: string;
}

/**
 * Each record type's fields, all optional, no others: one parse checks a whole mutation.
 * Same verdict as checking field by field (an optional schema differs only on
 * `undefined`, which is never let through it), at a fraction of the cost on a push of
 * 500 new cases; the field-by-field pass runs only to name what is wrong.
 */
const anyFieldsOf = new Map<RecordType, z.ZodType>();

function anyFieldsSchema(recordType: RecordType): z.ZodType {
  let schema = anyFieldsOf.get(recordType);
  if (!schema) {
    schema = z.object(recordSchemas[recordType].shape).partial().strict();
    anyFieldsOf.set(recordType, schema);
  }
  return schema;
}

export function checkMutationFields(
  recordType: RecordType,
  fields: Readonly<Record<string, { readonly value: unknown }>>,
): FieldProblem[] {
  const values: Record<string, unknown> = {};
  let isWhole = true;
  for (const [field, { value }] of Object.entries(fields)) {
    if (value === undefined) isWhole = false;
    values[field] = value;
  }
  if (isWhole && anyFieldsSchema(recordType).safeParse(values).success) return [];
  const shape: Record<string, z.ZodType> = recordSchemas[recordType].shape;
  const problems: FieldProblem[] = [];
  for (const [field, { value }] of Object.entries(fields)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) {
      problems.push({
        field,
        code: 'unknown_field',
        detail: `${recordType} has no field ${field}`,
      });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      problems.push({
        field,
        code: 'invalid_value',
        detail: parsed.error.issues[0]?.message ?? 'invalid',
      });
    }
  }
  return problems;
}
