/**
 * A push as the server reads it: the mutations decoded from their wire groups (wire.ts),
 * each with what the record schemas find wrong in its fields.
 *
 * Why here and not mutation by mutation: a wire group is a run of mutations of one record
 * type changing the same fields, its values already in columns, and a column is checked
 * faster than the same values row by row (records.ts `checkFieldColumns`).
 *
 * What must always hold: `fieldProblems[i]` is exactly `checkMutationFields` of
 * `mutations[i]` (checked-push.test.ts), so a mutation is refused with the same reason
 * and detail either way; and no column is read before its group passed `checkGroup`
 * (`decodePushRequest` runs it on every group first).
 */
import type { PushRequest } from './protocol.ts';
import { checkFieldColumns, type FieldProblem } from './records.ts';
import { decodePushRequest, type WirePushRequest } from './wire.ts';

export interface CheckedPushRequest extends PushRequest {
  /** One per mutation, in order: its fields' problems, empty when it has none. */
  readonly fieldProblems: readonly (readonly FieldProblem[])[];
}

const NO_PROBLEMS: readonly FieldProblem[] = Object.freeze([]);

export function decodeCheckedPushRequest(wire: WirePushRequest): CheckedPushRequest {
  const request = decodePushRequest(wire);
  const fieldProblems: (readonly FieldProblem[])[] = [];
  for (const group of wire.groups) {
    const rows = group.stamps.length;
    const columns = group.columns as unknown[][];
    const found = checkFieldColumns(group.recordType, group.fields, columns, rows);
    for (let row = 0; row < rows; row++) fieldProblems.push(found[row] ?? NO_PROBLEMS);
  }
  return { ...request, fieldProblems };
}
