/**
 * Merging copies of a record: per field, the value with the greater stamp wins.
 *
 * What must always hold (property-tested in merge.test.ts):
 * - merge is commutative, associative and idempotent, so every copy that has seen the
 *   same changes is identical, whatever the order or repetition of delivery;
 * - a merge never invents a value: every field of the result is one of its inputs' fields.
 *
 * Two different values under one stamp should never happen (a device issues each stamp
 * once); if it does, the canonical JSON of the values breaks the tie so merge still
 * converges instead of depending on arrival order.
 */
import type { Stamp } from './hlc.ts';

export interface FieldState {
  readonly value: unknown;
  readonly stamp: Stamp;
}

export type FieldMap = Readonly<Record<string, FieldState>>;

/** The tombstone: records are never hard-deleted; `deleted: true` with a stamp removes one. */
export const tombstoneField = 'deleted';

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}

export function isSameValue(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** The surviving state of one field; `undefined` means the field was never written. */
export function pickField(a: FieldState | undefined, b: FieldState | undefined) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.stamp !== b.stamp) return a.stamp > b.stamp ? a : b;
  return canonicalJson(a.value) >= canonicalJson(b.value) ? a : b;
}

export function mergeFields(a: FieldMap, b: FieldMap): FieldMap {
  const merged: Record<string, FieldState> = { ...a };
  for (const [name, incoming] of Object.entries(b)) {
    merged[name] = pickField(a[name], incoming) ?? incoming;
  }
  return merged;
}

/** The plain record a screen or a schema sees: each field's winning value. */
export function valuesOf(fields: FieldMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.value]));
}

export function isRemoved(fields: FieldMap): boolean {
  return fields[tombstoneField]?.value === true;
}

/** The greatest stamp in a record: when it last changed, in clock order. */
export function latestStamp(fields: FieldMap): Stamp | null {
  let latest: Stamp | null = null;
  for (const field of Object.values(fields)) {
    if (latest === null || field.stamp > latest) latest = field.stamp;
  }
  return latest;
}
