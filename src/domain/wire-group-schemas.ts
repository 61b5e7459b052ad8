/**
 * The shapes of the groups records travel in (wire.ts says why columns), as the schemas
 * let them through and as they are sent.
 *
 * What must hold: a schema here checks only what zod checks cheaply — types, ids, stamps,
 * list bounds. What ties a group's lists together (one entry per row, one column per
 * field, unique field names, other stamps inside the group) is wire-group-checks.ts's
 * `checkGroup`, run on every group before any of it is decoded; a group that fails
 * either is the sender's bug, and the whole message is refused (`WireFormatError`).
 */
import { z } from './zod.ts';
import type { Stamp } from './hlc.ts';
import { stampSchema } from './hlc-schema.ts';
import { fieldNameSchema, recordTypeSchema, type RecordType } from './protocol.ts';

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
  fields: z.array(fieldNameSchema).check(z.minLength(1), z.maxLength(500)),
  /** One per row: the stamp most of the row's fields carry. */
  stamps: z.array(stampSchema).check(z.minLength(1)),
  /**
   * `[row, field index, stamp]` for each field whose stamp is not its row's; absent when
   * there is none.
   */
  otherStamps: z.optional(z.array(z.array(z.unknown()))),
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
  caseIds: z.optional(z.array(z.uuid())),
};

export const wireMutationGroupSchema = z.object({
  ...groupShape,
  mutationIds: z.array(z.uuid()),
  /** One per row; absent when each row's record id is its `id` field (a new record). */
  recordIds: z.optional(z.array(z.uuid())),
  /**
   * One per field: the stamps the field had on the tablet before each row's write, or
   * null when every row's base is null (a new record).
   */
  bases: z.array(z.nullable(z.array(z.nullable(stampSchema)))),
});
/** A mutation group as the schema lets it through; `decodeMutations` checks the rest. */
export type ReceivedMutationGroup = z.infer<typeof wireMutationGroupSchema>;

export const wireRecordGroupSchema = z.object({
  ...groupShape,
  centreId: z.uuid(),
  /** One per row; absent when each row's id is its `id` field (every record has one). */
  ids: z.optional(z.array(z.uuid())),
});
/** A record group as the schema lets it through; `decodeRecords` checks the rest. */
export type ReceivedRecordGroup = z.infer<typeof wireRecordGroupSchema>;

/** A group as it is sent (and as it is once `checkGroup` has passed it). */
export interface GroupShape {
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
