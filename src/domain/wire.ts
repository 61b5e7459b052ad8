/**
 * The sync messages as they travel (protocol version 2): records as columns.
 *
 * Why: on 2G every kilobyte is seconds, and a cheap tablet pays for every key it parses.
 * A save stamps all its fields with one stamp, and a centre's cases share one field set,
 * so sending `{ value, stamp }` per field repeated the stamp ~45 times per case and every
 * field name once per record. Here a run of records of one type with the same fields
 * travels as a group: the field names once, one stamp per record (plus the few fields
 * whose stamp differs), and one column of values per field. Similar values then sit side
 * by side, where gzip and brotli find them. Measured with `npm run bench -- pouchdb`
 * (10,000 generated cases): a fresh tablet's pull fell from 2,916 kB to 687 kB on the
 * wire, and the JSON to parse from ~36 MB to ~11 MB.
 *
 * The engine and the server's services keep working on whole records (`Mutation`,
 * `PulledRecord`, a FieldMap per record); this module only changes their shape on the
 * wire, losslessly — `decode(encode(x))` is `x` (wire.test.ts checks it on random data).
 *
 * What must always hold:
 * - Mutations keep their order: the server applies each after the ones before it, and a
 *   later save of a record depends on the earlier one. So mutation groups are runs of
 *   consecutive mutations. A pull page's records carry no order (each is a whole merged
 *   record, stored in one transaction), so they are grouped freely.
 * - Every group is checked whole before anything is decoded (`WireFormatError`): column
 *   lengths, field-name uniqueness and stamp indices are the contract, and a malformed
 *   group is the sender's bug — the request is refused as a whole, never half-read.
 */
import { z } from 'zod';
import { isStamp, stampSchema, type Stamp } from './hlc.ts';
import type { FieldMap, FieldState } from './merge.ts';
import {
  deviceIdSchema,
  fieldNameSchema,
  maxMutationsPerPush,
  recordTypeSchema,
  type Mutation,
  type PulledRecord,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RecordType,
} from './protocol.ts';

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

/**
 * The schemas below use only zod features the first screen already loads (zod's code is
 * shared with it): per-entry rules a tuple or custom schema would state are checked by
 * `checkGroup` instead, which refuses the whole message just the same.
 */

const groupShape = {
  recordType: recordTypeSchema,
  fields: z.array(fieldNameSchema).min(1).max(500),
  /** One per row: the stamp most of the row's fields carry. */
  stamps: z.array(stampSchema).min(1),
  /**
   * `[row, field index, stamp]` for each field whose stamp is not its row's; absent when
   * there is none.
   */
  otherStamps: z.array(z.array(z.unknown())).optional(),
  /**
   * One column per field, in `fields` order; each holds one value per row. Only checked
   * to be arrays here: values are the record schemas' to check (server) or were checked
   * by the server (tablet), and a per-value check would cost more than the rest.
   */
  columns: z.array(z.unknown()),
  /**
   * One per row; absent when each row's case is its `caseId` field, or, in a group
   * without that field (cases), the row's own id.
   */
  caseIds: z.array(z.uuid()).optional(),
};

export const wireMutationGroupSchema = z.object({
  ...groupShape,
  mutationIds: z.array(z.uuid()),
  /** One per row; absent when each row's record id is its `id` field (a new record). */
  recordIds: z.array(z.uuid()).optional(),
  /**
   * One per field: the stamps the field had on the tablet before each row's write, or
   * null when every row's base is null (a new record).
   */
  bases: z.array(z.array(stampSchema.nullable()).nullable()),
});
/** A mutation group as the schema lets it through; `decodeMutations` checks the rest. */
export type ReceivedMutationGroup = z.infer<typeof wireMutationGroupSchema>;

export const wireRecordGroupSchema = z.object({
  ...groupShape,
  centreId: z.uuid(),
  /** One per row; absent when each row's id is its `id` field (every record has one). */
  ids: z.array(z.uuid()).optional(),
});
/** A record group as the schema lets it through; `decodeRecords` checks the rest. */
export type ReceivedRecordGroup = z.infer<typeof wireRecordGroupSchema>;

/** A group as it is sent (and as it is once `checkGroup` has passed it). */
interface GroupShape {
  recordType: RecordType;
  fields: string[];
  stamps: Stamp[];
  otherStamps?: [row: number, field: number, stamp: Stamp][];
  columns: unknown[][];
  caseIds?: string[];
}

export interface WireMutationGroup extends GroupShape {
  mutationIds: string[];
  recordIds?: string[];
  bases: ((Stamp | null)[] | null)[];
}

export interface WireRecordGroup extends GroupShape {
  centreId: string;
  ids?: string[];
}

export const wirePushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  deviceId: deviceIdSchema,
  groups: z.array(wireMutationGroupSchema).max(maxMutationsPerPush),
});
export type WirePushRequest = Omit<z.infer<typeof wirePushRequestSchema>, 'groups'> & {
  groups: ReceivedMutationGroup[];
};

export const wirePullResponseSchema = z.object({
  serverTime: z.iso.datetime(),
  groups: z.array(wireRecordGroupSchema),
  /** Store it with the page, in one transaction, and send it back to resume. */
  cursor: z.string().max(200).nullable(),
  hasMore: z.boolean(),
});
export type WirePullResponse = Omit<z.infer<typeof wirePullResponseSchema>, 'groups'> & {
  groups: ReceivedRecordGroup[];
};

/** A record's fields with one stamp for most of them: how the server stores a record too. */
export interface CompactFields {
  /** The stamp most fields carry (the greater on a tie). */
  readonly stamp: Stamp;
  /** Every field's value, keys in sorted order. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The fields whose stamp is not `stamp`; absent when there are none. */
  readonly stamps?: Readonly<Record<string, Stamp>>;
}

/** A pulled record in compact form, as the server reads it from its store. */
export interface CompactRecord extends CompactFields {
  readonly recordType: RecordType;
  readonly id: string;
  readonly caseId: string;
  readonly centreId: string;
}

export function compactFields(fields: FieldMap): CompactFields {
  const names = Object.keys(fields);
  if (names.length === 0) throw new WireFormatError('a record has at least one field');
  if (!isSorted(names)) names.sort();
  const stamp = commonestStampOf(fields, names);
  const values: Record<string, unknown> = {};
  let stamps: Record<string, Stamp> | undefined;
  for (const name of names) {
    const field = fields[name]!;
    values[name] = field.value;
    if (field.stamp !== stamp) (stamps ??= {})[name] = field.stamp;
  }
  return stamps ? { stamp, values, stamps } : { stamp, values };
}

export function expandFields({ stamp, values, stamps }: CompactFields): FieldMap {
  const fields: Record<string, FieldState> = {};
  for (const name of Object.keys(values)) {
    const own = stamps && Object.hasOwn(stamps, name) ? stamps[name]! : stamp;
    fields[name] = { value: values[name], stamp: own };
  }
  return fields;
}

// ---- whole messages -----------------------------------------------------------------

export function encodePushRequest({ mutations, ...envelope }: PushRequest): WirePushRequest {
  return { ...envelope, groups: encodeMutations(mutations) };
}

export function decodePushRequest({ groups, ...envelope }: WirePushRequest): PushRequest {
  return { ...envelope, mutations: decodeMutations(groups) };
}

/**
 * Refuses an answer that does not add up to the mutations sent (`sentIds`, in order):
 * each listed once, only ids that were sent, and the applied count making up the rest.
 * Acknowledging on a wrong answer would drop writes from the outbox.
 */
export function checkPushResponse(answer: PushResponse, sentIds: readonly string[]): void {
  const sent = new Set(sentIds);
  const listed = [...answer.duplicates, ...answer.rejected.map((result) => result.mutationId)];
  if (
    new Set(listed).size !== listed.length ||
    listed.some((id) => !sent.has(id)) ||
    answer.applied + listed.length !== sent.size
  ) {
    throw new WireFormatError('the push answer does not match the mutations sent');
  }
}

export function decodePullResponse({ groups, ...page }: WirePullResponse): PullResponse {
  return { ...page, records: decodeRecords(groups) };
}

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
      const fields: Record<string, Mutation['fields'][string]> = {};
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

// ---- shared -------------------------------------------------------------------------

/**
 * The group, exact, after checking what the schema left loose: every column and per-row
 * list has one entry per row, field names are unique, other stamps point into the group.
 */
function checkGroup<G extends ReceivedMutationGroup | ReceivedRecordGroup>(
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
function rowIdsOf(group: GroupShape, listedIds: readonly string[] | undefined) {
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

function isSameColumn(column: readonly unknown[] | null, values: readonly string[]): boolean {
  return column !== null && values.every((value, row) => column[row] === value);
}

function columnOf(group: GroupShape, field: string): unknown[] | null {
  const index = group.fields.indexOf(field);
  return index >= 0 ? group.columns[index]! : null;
}

function otherStampLookup(group: GroupShape): (row: number, field: number) => Stamp {
  const others = group.otherStamps;
  if (!others || others.length === 0) return (row) => group.stamps[row]!;
  const byCell = new Map<number, Stamp>();
  const width = group.fields.length;
  for (const [row, field, stamp] of others) byCell.set(row * width + field, stamp);
  return (row, field) => byCell.get(row * width + field) ?? group.stamps[row]!;
}

function isSameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSorted(names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) if (names[i - 1]! > names[i]!) return false;
  return true;
}

/**
 * The stamp most of the named fields carry; the greater one on a tie, so the choice never
 * depends on order. One pass when they all carry one stamp, as a save's fields do.
 */
function commonestStampOf(
  fields: Readonly<Record<string, { readonly stamp: Stamp }>>,
  names: readonly string[],
): Stamp {
  const first = fields[names[0]!]!.stamp;
  let isOneStamp = true;
  for (let i = 1; i < names.length && isOneStamp; i++) {
    isOneStamp = fields[names[i]!]!.stamp === first;
  }
  if (isOneStamp) return first;
  const counts = new Map<Stamp, number>();
  let best = first;
  let bestCount = 0;
  for (const name of names) {
    const stamp = fields[name]!.stamp;
    const count = (counts.get(stamp) ?? 0) + 1;
    counts.set(stamp, count);
    if (count > bestCount || (count === bestCount && stamp > best)) {
      best = stamp;
      bestCount = count;
    }
  }
  return best;
}
