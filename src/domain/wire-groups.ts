/**
 * Encoding records as groups and back: mutations for a push, records for a pull page.
 *
 * What must always hold:
 * - Lossless: `decodeMutations(encodeMutations(x))` is `x`, and so for records
 *   (wire.test.ts checks it on random data).
 * - Mutations keep their order: the server applies each after the ones before it, and a
 *   later save of a record depends on the earlier one. So mutation groups are runs of
 *   consecutive mutations. A pull page's records carry no order (each is a whole merged
 *   record, stored in one transaction), so they are grouped freely.
 * - Nothing is decoded from a group `checkGroup` has not passed (wire-group-checks.ts).
 */
import type { FieldState } from './merge.ts';
import { maxMutationsPerPush, type Mutation, type PulledRecord } from './protocol.ts';
import { commonestStampOf, type CompactRecord } from './compact-fields.ts';
import { FixedShapes } from './fixed-shape.ts';
import {
  checkGroup,
  columnOf,
  isSameColumn,
  otherStampLookup,
  rowIdsOf,
} from './wire-group-checks.ts';
import {
  WireFormatError,
  type ReceivedMutationGroup,
  type ReceivedRecordGroup,
  type WireMutationGroup,
  type WireRecordGroup,
} from './wire-group-schemas.ts';

// ---- push: mutations, in order --------------------------------------------------------

export function encodeMutations(mutations: readonly Mutation[]): WireMutationGroup[] {
  const groups: WireMutationGroup[] = [];
  let open: WireMutationGroup | undefined;
  for (const mutation of mutations) {
    const names = Object.keys(mutation.fields);
    if (!open || open.recordType !== mutation.recordType || !isSameList(open.fields, names)) {
      open = {
        recordType: mutation.recordType,
        fields: names,
        stamps: [],
        otherStamps: [],
        columns: names.map(() => []),
        caseIds: [],
        mutationIds: [],
        recordIds: [],
        bases: names.map(() => []),
      };
      groups.push(open);
    }
    const group = open;
    const row = group.stamps.length;
    const stamp = commonestStampOf(mutation.fields, names);
    group.stamps.push(stamp);
    group.mutationIds.push(mutation.id);
    group.recordIds!.push(mutation.recordId);
    group.caseIds!.push(mutation.caseId);
    for (let index = 0; index < names.length; index++) {
      const field = mutation.fields[names[index]!]!;
      group.columns[index]!.push(field.value);
      group.bases[index]!.push(field.base);
      if (field.stamp !== stamp) group.otherStamps!.push([row, index, field.stamp]);
    }
  }
  for (const group of groups) {
    group.bases = group.bases.map((column) =>
      column!.every((base) => base === null) ? null : column,
    );
    const recordIds = group.recordIds!;
    if (isSameColumn(columnOf(group, 'id'), recordIds)) delete group.recordIds;
    if (isSameColumn(columnOf(group, 'caseId') ?? recordIds, group.caseIds!)) delete group.caseIds;
    if (group.otherStamps!.length === 0) delete group.otherStamps;
  }
  return groups;
}

/** The fields objects of decoded mutations, one template per group's field list. */
const mutationFieldShapes = new FixedShapes();

export function decodeMutations(groups: readonly ReceivedMutationGroup[]): Mutation[] {
  const total = groups.reduce((sum, group) => sum + group.stamps.length, 0);
  if (total > maxMutationsPerPush) {
    throw new WireFormatError(`at most ${maxMutationsPerPush} mutations per push, got ${total}`);
  }
  const mutations: Mutation[] = [];
  for (const received of groups) {
    const group = checkGroup(received, [received.mutationIds, received.recordIds]);
    const rows = group.stamps.length;
    if (group.bases.length !== group.fields.length) {
      throw new WireFormatError(`a ${group.recordType} group needs one bases entry per field`);
    }
    if (group.bases.some((column) => column !== null && column.length !== rows)) {
      throw new WireFormatError(`a ${group.recordType} group's bases do not match its rows`);
    }
    const { ids, caseIds } = rowIdsOf(group, group.recordIds);
    const stampOf = otherStampLookup(group);
    const { fields: names, columns, bases } = group;
    for (let row = 0; row < rows; row++) {
      // Made whole from its group's field list, so the ~50 fields of a new case stay a
      // fixed shape for every check that walks them (fixed-shape.ts).
      const fields = mutationFieldShapes.blankOf(names) as Record<
        string,
        Mutation['fields'][string]
      >;
      for (let index = 0; index < names.length; index++) {
        fields[names[index]!] = {
          value: columns[index]![row],
          stamp: stampOf(row, index),
          base: bases[index]?.[row] ?? null,
        };
      }
      mutations.push({
        id: group.mutationIds[row]!,
        recordType: group.recordType,
        recordId: ids[row]!,
        caseId: caseIds[row]!,
        fields,
      });
    }
  }
  return mutations;
}

// ---- pull: records, any order ---------------------------------------------------------

/** Groups by type, centre and field set; the order of records in a page carries no meaning. */
export function encodeRecords(records: readonly CompactRecord[]): WireRecordGroup[] {
  const byKey = new Map<string, WireRecordGroup>();
  let last: WireRecordGroup | undefined;
  for (const record of records) {
    const names = Object.keys(record.values);
    // Most records of a page are like the one before: skip building their key.
    let group = last && isSameShape(last, record, names) ? last : undefined;
    if (!group) {
      const key = `${record.recordType} ${record.centreId} ${names.join(' ')}`;
      group = byKey.get(key);
      if (!group) {
        group = {
          recordType: record.recordType,
          centreId: record.centreId,
          fields: names,
          stamps: [],
          otherStamps: [],
          columns: names.map(() => []),
          caseIds: [],
          ids: [],
        };
        byKey.set(key, group);
      }
    }
    last = group;
    const row = group.stamps.length;
    group.stamps.push(record.stamp);
    group.ids!.push(record.id);
    group.caseIds!.push(record.caseId);
    const { values, stamps } = record;
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      group.columns[index]!.push(values[name]);
      if (stamps && Object.hasOwn(stamps, name)) {
        group.otherStamps!.push([row, index, stamps[name]!]);
      }
    }
  }
  return [...byKey.values()].map((group) => {
    const ids = group.ids!;
    if (isSameColumn(columnOf(group, 'id'), ids)) delete group.ids;
    if (isSameColumn(columnOf(group, 'caseId') ?? ids, group.caseIds!)) delete group.caseIds;
    if (group.otherStamps!.length === 0) delete group.otherStamps;
    return group;
  });
}

function isSameShape(group: WireRecordGroup, record: CompactRecord, names: readonly string[]) {
  return (
    group.recordType === record.recordType &&
    group.centreId === record.centreId &&
    isSameList(group.fields, names)
  );
}

export function decodeRecords(groups: readonly ReceivedRecordGroup[]): PulledRecord[] {
  const records: PulledRecord[] = [];
  for (const received of groups) {
    const group = checkGroup(received, [received.ids]);
    const rows = group.stamps.length;
    const { ids, caseIds } = rowIdsOf(group, group.ids);
    const stampOf = otherStampLookup(group);
    const { fields: names, columns } = group;
    for (let row = 0; row < rows; row++) {
      const fields: Record<string, FieldState> = {};
      for (let index = 0; index < names.length; index++) {
        fields[names[index]!] = { value: columns[index]![row], stamp: stampOf(row, index) };
      }
      records.push({
        recordType: group.recordType,
        id: ids[row]!,
        caseId: caseIds[row]!,
        centreId: group.centreId,
        fields,
      });
    }
  }
  return records;
}

function isSameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
