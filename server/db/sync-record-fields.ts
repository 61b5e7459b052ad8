/**
 * How `sync_records.fields` holds a record's fields: JSON text of the compact form
 * (src/domain/compact-fields.ts `CompactFields`: the stamp most fields carry, the values
 * with sorted keys, and the stamps of the fields that differ). Since migration 0004-compact-records.
 *
 * Why compact: a pull sends stored records as they are, so the server parses half the
 * text it used to and no per-field stamp objects; a push writes half the bytes.
 * Every reader and writer of the column goes through here.
 */
import type { FieldMap } from '../../src/domain/merge.ts';
import {
  compactFields,
  expandFields,
  type CompactFields,
} from '../../src/domain/compact-fields.ts';

export function parseStoredFields(text: string): CompactFields {
  return JSON.parse(text) as CompactFields;
}

export function readStoredFields(text: string): FieldMap {
  return expandFields(parseStoredFields(text));
}

export function storedFieldsText(fields: FieldMap): string {
  return JSON.stringify(compactFields(fields));
}
