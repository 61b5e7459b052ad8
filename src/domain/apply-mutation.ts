/**
 * Applying one pushed mutation to a stored record: the pure core of the server's "final
 * say" (the server wraps it with permission checks and one database transaction).
 *
 * What must always hold: after applying, every incoming field is either the current
 * value, or lost to a write made with it in view, or listed in `conflicts`. Applying the
 * same mutation twice changes nothing the second time (merge is idempotent), so a
 * repeated delivery is harmless even before the mutation id is checked.
 */
import { detectConflicts, type FieldConflict, type IncomingField } from './conflicts.ts';
import { deviceOfStamp, isStampTooFarAhead } from './hlc.ts';
import { FixedShapes } from './fixed-shape.ts';
import { mergeFields, type FieldMap, type FieldState } from './merge.ts';
import type { Mutation, RecordType } from './protocol.ts';
import { checkMutationFields, type FieldProblem } from './records.ts';

export interface AppliedMutation {
  readonly fields: FieldMap;
  readonly conflicts: readonly FieldConflict[];
  /** Fields whose stored value this mutation replaced; empty when it changed nothing. */
  readonly changedFields: readonly string[];
}

export function applyMutation(
  stored: FieldMap,
  incoming: Readonly<Record<string, IncomingField>>,
): AppliedMutation {
  if (isEmpty(stored)) return applyToNewRecord(incoming);
  const conflicts = detectConflicts(stored, incoming);
  const fields = mergeFields(stored, incoming);
  const changedFields = Object.keys(incoming).filter((name) => fields[name] !== stored[name]);
  return { fields: stripBases(fields, changedFields), conflicts, changedFields };
}

/**
 * A record that did not exist: every incoming field is new, nothing can conflict, and the
 * merge is the incoming fields themselves — so skip detecting and merging (most of a push
 * of new cases). Gives exactly what the general path gives on `{}` (apply-mutation.test.ts).
 */
function applyToNewRecord(incoming: Readonly<Record<string, IncomingField>>): AppliedMutation {
  const changedFields = Object.keys(incoming);
  // Made whole from the field list, not key by key: see fixed-shape.ts.
  const fields = newRecordShapes.blankOf(changedFields) as Record<string, FieldState>;
  for (const name of changedFields) {
    const { value, stamp } = incoming[name]!;
    fields[name] = { value, stamp };
  }
  return { fields, conflicts: [], changedFields };
}

/** The fields objects of new records, one template per run of one field list. */
const newRecordShapes = new FixedShapes();

function isEmpty(fields: FieldMap): boolean {
  for (const name in fields) if (Object.hasOwn(fields, name)) return false;
  return true;
}

/** Stored fields keep value and stamp only; the base belongs to the mutation, not the record. */
function stripBases(fields: FieldMap, changed: readonly string[]): FieldMap {
  if (changed.length === 0) return fields;
  const stripped: Record<string, { value: unknown; stamp: string }> = { ...fields };
  for (const name of changed) {
    const field = fields[name]!;
    stripped[name] = { value: field.value, stamp: field.stamp };
  }
  return stripped;
}

export type MutationProblem =
  | { readonly code: 'invalid_record'; readonly problems: readonly FieldProblem[] }
  | { readonly code: 'stamp_too_far_ahead'; readonly field: string }
  | { readonly code: 'record_type_mismatch'; readonly expected: RecordType };

/**
 * Why a mutation must be refused before it touches anything, or null. `storedType` is the
 * type of the record already stored under this id, if any: an id never changes type.
 */
export function checkMutation(
  mutation: Mutation,
  serverNowMs: number,
  storedType: RecordType | null = null,
  /** `checkMutationFields`' findings for this mutation when already made (checked-push.ts). */
  fieldProblems?: readonly FieldProblem[],
): MutationProblem | null {
  if (storedType !== null && storedType !== mutation.recordType) {
    return { code: 'record_type_mismatch', expected: storedType };
  }
  const problems = fieldProblems ?? checkMutationFields(mutation.recordType, mutation.fields);
  if (problems.length > 0) return { code: 'invalid_record', problems };
  // A save stamps all its fields alike: check each distinct stamp once.
  let checked: string | null = null;
  for (const name in mutation.fields) {
    if (!Object.hasOwn(mutation.fields, name)) continue;
    const { stamp } = mutation.fields[name]!;
    if (stamp === checked) continue;
    if (isStampTooFarAhead(stamp, serverNowMs)) return { code: 'stamp_too_far_ahead', field: name };
    checked = stamp;
  }
  return null;
}

/**
 * The first field whose new stamp names another device than the one pushing it, or null.
 * A stamp is its writer's signature: merge keeps no conflict between two writes of one
 * device, and a conflict is credited to the device its stamp names. So a mutation's own
 * writes (its stamps) must name the pushing device; its bases may name anyone.
 */
export function findForeignStamp(mutation: Mutation, deviceId: string): string | null {
  // A save stamps all its fields alike: read each distinct stamp's device once.
  let checked: string | null = null;
  for (const name in mutation.fields) {
    if (!Object.hasOwn(mutation.fields, name)) continue;
    const { stamp } = mutation.fields[name]!;
    if (stamp === checked) continue;
    if (deviceOfStamp(stamp) !== deviceId) return name;
    checked = stamp;
  }
  return null;
}
