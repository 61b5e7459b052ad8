/**
 * Checking a received group whole, and reading its rows' ids and stamps.
 *
 * What must always hold: every group is checked (`checkGroup`) before anything of it is
 * decoded — column lengths, field-name uniqueness and stamp indices are the contract, and
 * a malformed group is the sender's bug: the message is refused as a whole
 * (`WireFormatError`), never half-read. An id read from a column gets the very check a
 * listed id gets (`z.uuid()`).
 */
import { z } from './zod.ts';
import { isStamp, type Stamp } from './hlc.ts';
import {
  WireFormatError,
  type GroupShape,
  type ReceivedMutationGroup,
  type ReceivedRecordGroup,
} from './wire-group-schemas.ts';

/**
 * The group, exact, after checking what the schema left loose: every column and per-row
 * list has one entry per row, field names are unique, other stamps point into the group.
 */
export function checkGroup<G extends ReceivedMutationGroup | ReceivedRecordGroup>(
  group: G,
  idLists: readonly (readonly string[] | undefined)[],
): G & GroupShape {
  const rows = group.stamps.length;
  const what = `a ${group.recordType} group`;
  if (new Set(group.fields).size !== group.fields.length) {
    throw new WireFormatError(`${what} names a field twice`);
  }
  if (group.columns.length !== group.fields.length) {
    throw new WireFormatError(`${what} needs one column per field`);
  }
  if (!group.columns.every((column) => Array.isArray(column))) {
    throw new WireFormatError(`${what} has a column that is not a list`);
  }
  const perRow = [...(group.columns as unknown[][]), ...idLists, group.caseIds];
  if (perRow.some((list) => list !== undefined && list.length !== rows)) {
    throw new WireFormatError(`${what}'s columns do not match its rows`);
  }
  for (const other of group.otherStamps ?? []) {
    const [row, field, stamp] = other;
    const isCell =
      other.length === 3 &&
      Number.isInteger(row) &&
      Number.isInteger(field) &&
      (row as number) >= 0 &&
      (row as number) < rows &&
      (field as number) >= 0 &&
      (field as number) < group.fields.length;
    if (!isCell) throw new WireFormatError(`${what}'s other stamp is out of range`);
    if (!isStamp(stamp)) throw new WireFormatError(`${what}'s other stamp is not a stamp`);
  }
  return group as G & GroupShape;
}

/** The very check the listed ids get (`z.uuid()`), for ids read from a column. */
const uuidSchema = z.uuid();

/**
 * Each row's record id and case id: the group's own lists, or the columns they were left
 * out for (`id`; `caseId`, or the record id in a group without that field).
 */
export function rowIdsOf(group: GroupShape, listedIds: readonly string[] | undefined) {
  const ids = listedIds ?? idColumn(group, 'id');
  if (ids === null) {
    throw new WireFormatError(`a ${group.recordType} group has neither ids nor an id field`);
  }
  const caseIds = group.caseIds ?? idColumn(group, 'caseId') ?? ids;
  return { ids, caseIds };
}

/** The named column as ids, refused unless every value is a UUID; null without one. */
function idColumn(group: GroupShape, field: 'id' | 'caseId'): readonly string[] | null {
  const column = columnOf(group, field);
  if (column === null) return null;
  if (!column.every((value) => uuidSchema.safeParse(value).success)) {
    throw new WireFormatError(`a ${group.recordType} group's ${field} column holds a non-id`);
  }
  return column as string[];
}

export function isSameColumn(
  column: readonly unknown[] | null,
  values: readonly string[],
): boolean {
  return column !== null && values.every((value, row) => column[row] === value);
}

export function columnOf(group: GroupShape, field: string): unknown[] | null {
  const index = group.fields.indexOf(field);
  return index >= 0 ? group.columns[index]! : null;
}

export function otherStampLookup(group: GroupShape): (row: number, field: number) => Stamp {
  const others = group.otherStamps;
  if (!others || others.length === 0) return (row) => group.stamps[row]!;
  const byCell = new Map<number, Stamp>();
  const width = group.fields.length;
  for (const [row, field, stamp] of others) byCell.set(row * width + field, stamp);
  return (row, field) => byCell.get(row * width + field) ?? group.stamps[row]!;
}
