/**
 * A record's fields with one stamp for most of them: how the server stores a record, and
 * what a pull page's groups are built from (wire-groups.ts `encodeRecords`).
 *
 * What must always hold:
 * - Lossless: `expandFields(compactFields(x))` is `x` for any non-empty FieldMap.
 * - `values` keys are in sorted order, so equal records compact to equal text.
 * - The common stamp is the one most fields carry, the greater on a tie, so the choice
 *   never depends on the order of the fields.
 */
import { FixedShapes } from './fixed-shape.ts';
import type { Stamp } from './hlc.ts';
import type { FieldMap, FieldState } from './merge.ts';
import type { RecordType } from './protocol.ts';
import { WireFormatError } from './wire-group-schemas.ts';

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

/** Values objects in a fixed shape, so `JSON.stringify` writes them fast (fixed-shape.ts). */
const valueShapes = new FixedShapes();

export function compactFields(fields: FieldMap): CompactFields {
  const names = sortedNamesOf(fields);
  if (names.length === 0) throw new WireFormatError('a record has at least one field');
  const stamp = commonestStampOf(fields, names);
  const values = valueShapes.blankOf(names);
  let stamps: Record<string, Stamp> | undefined;
  for (const name of names) {
    const field = fields[name]!;
    values[name] = field.value;
    if (field.stamp !== stamp) (stamps ??= {})[name] = field.stamp;
  }
  return stamps ? { stamp, values, stamps } : { stamp, values };
}

/** Expanded records in a fixed shape too: an edit's merge copies and walks them. */
const expandedShapes = new FixedShapes();

export function expandFields({ stamp, values, stamps }: CompactFields): FieldMap {
  const names = Object.keys(values);
  const fields = expandedShapes.blankOf(names) as Record<string, FieldState>;
  for (const name of names) {
    const own = stamps && Object.hasOwn(stamps, name) ? stamps[name]! : stamp;
    fields[name] = { value: values[name], stamp: own };
  }
  return fields;
}

/**
 * The last unsorted field list seen and its sorted order. A push's new records arrive
 * in the order of their wire group, the same list record after record, so the server
 * sorts it once per run of records instead of once per record. Only a cache: the answer
 * is always `Object.keys(fields)` sorted.
 */
let lastUnsorted: readonly string[] = [];
let lastSorted: readonly string[] = [];

function sortedNamesOf(fields: FieldMap): readonly string[] {
  const names = Object.keys(fields);
  if (isSorted(names)) return names;
  if (!isSameList(names, lastUnsorted)) {
    lastUnsorted = names;
    lastSorted = [...names].sort();
  }
  return lastSorted;
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
export function commonestStampOf(
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
