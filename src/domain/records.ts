/**
 * Which schema governs each record type, and how a mutation's fields are checked.
 *
 * A mutation carries only the fields it changed, so it is checked field by field against
 * its record's schema; never as a whole record, and never on a combination of fields
 * (see case.ts: a merge can join fields no one saved together, and a saved write must
 * not be refused for that).
 */
import type { z } from 'zod';
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

export function checkMutationFields(
  recordType: RecordType,
  fields: Readonly<Record<string, { readonly value: unknown }>>,
): FieldProblem[] {
  const shape: Record<string, z.ZodType> = recordSchemas[recordType].shape;
  const problems: FieldProblem[] = [];
  // A push checks every field of every mutation: no entry arrays made per field.
  for (const field in fields) {
    if (!Object.hasOwn(fields, field)) continue;
    const { value } = fields[field]!;
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
