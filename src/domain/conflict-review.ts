/**
 * How a manager reviews conflicts (conflicts.ts): one card per human clash, and who wrote
 * the losing value in words a person reads.
 *
 * What must always hold:
 * - Conflicts that came from one write are reviewed and answered together. One save stamps
 *   all its fields with one stamp (write-transaction.ts), so conflicts on one record with
 *   the same losing stamp and the same winning stamp are one clash; a closure request
 *   (reason, by, at) clashing with another makes three conflicts and one card.
 * - A writer is never shown as a raw id: a name when headquarters sent one, "you" or "this
 *   tablet" when it was here, otherwise "another tablet" with a short tag of its device.
 */
import type { Conflict } from './conflicts.ts';
import { recordSchemas } from './records.ts';

/** What identifies one write's conflicts. */
export type ConflictGroupFields = Pick<Conflict, 'caseId' | 'recordId' | 'stamp' | 'winningStamp'>;

export function conflictGroupKey(conflict: ConflictGroupFields): string {
  return [conflict.caseId, conflict.recordId, conflict.stamp, conflict.winningStamp].join('|');
}

/**
 * The conflicts grouped by the write they came from, groups in the order their first
 * conflict appears; within a group, fields in their record's schema order (so a closure
 * request reads reason, by, at), unknown fields last by name.
 */
export function groupConflicts<
  C extends ConflictGroupFields & Pick<Conflict, 'recordType' | 'field'>,
>(conflicts: readonly C[]): C[][] {
  const groups = new Map<string, C[]>();
  for (const conflict of conflicts) {
    const key = conflictGroupKey(conflict);
    const group = groups.get(key);
    if (group) group.push(conflict);
    else groups.set(key, [conflict]);
  }
  return [...groups.values()].map((group) => group.sort(byFieldOrder));
}

function byFieldOrder(a: Pick<Conflict, 'recordType' | 'field'>, b: typeof a): number {
  return fieldRank(a) - fieldRank(b) || a.field.localeCompare(b.field);
}

function fieldRank({ recordType, field }: Pick<Conflict, 'recordType' | 'field'>): number {
  const schema = Object.hasOwn(recordSchemas, recordType)
    ? recordSchemas[recordType as keyof typeof recordSchemas]
    : undefined;
  const rank = schema ? Object.keys(schema.shape).indexOf(field) : -1;
  return rank === -1 ? Number.MAX_SAFE_INTEGER : rank;
}

/** True when all the conflicts came from one write (see the header). */
export function isOneWrite(conflicts: readonly ConflictGroupFields[]): boolean {
  return conflicts.length > 0 && new Set(conflicts.map(conflictGroupKey)).size === 1;
}

export type ConflictWriter =
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'you' }
  | { readonly kind: 'thisTablet' }
  | { readonly kind: 'otherTablet'; readonly deviceTag: string };

/**
 * Who wrote the losing value, for the person looking at this tablet. `writtenByName` is
 * absent on conflicts headquarters kept before it sent names.
 */
export function describeConflictWriter(
  conflict: Pick<Conflict, 'writtenBy' | 'writtenByName' | 'deviceId'>,
  viewer: { readonly userId: string; readonly deviceId: string },
): ConflictWriter {
  const name = conflict.writtenByName?.trim();
  if (name) return { kind: 'named', name };
  if (conflict.writtenBy !== null && conflict.writtenBy === viewer.userId) return { kind: 'you' };
  if (conflict.deviceId === viewer.deviceId) return { kind: 'thisTablet' };
  return { kind: 'otherTablet', deviceTag: shortDeviceTag(conflict.deviceId) };
}

/**
 * A short tag to tell tablets apart by: the last four letters or digits of the device id,
 * in capitals. Not the case-number tag (case-number.ts), which only headquarters knows for
 * another tablet; enough to see that two cards came from the same tablet.
 */
export function shortDeviceTag(deviceId: string): string {
  const tag = deviceId
    .replace(/[^0-9a-z]/gi, '')
    .slice(-4)
    .toUpperCase();
  return tag || '?';
}
