/**
 * The sync contract between tablet and server: every message is a schema here, and its
 * TypeScript type is inferred from it, so the two sides cannot drift apart. These are the
 * messages as the engine (src/sync) and the server's services see them, one record at a
 * time; on the wire they travel as columns (wire.ts encodes and decodes them losslessly),
 * except the push answer and the pull request, which travel as they are.
 *
 * PROTOCOL_VERSION history (one line per bump; the server keeps answering the previous
 * version while tablets update, so deploy the server first):
 *   1 — first version: push of field mutations with base stamps, cursor pull. Never
 *       released to a centre, so no server answers it.
 *   2 — records travel as columns, one stamp per record (wire.ts); a push answer lists
 *       only duplicates and rejections.
 *   3 — a push answer's rejection code may be any code (a version-2 tablet refused the
 *       whole answer for one it did not know); adds `foreign_device_stamp`. Version-2
 *       pushes are answered `forbidden` in its place (rejectionCodeFor).
 */
import { z } from './zod.ts';
import { stampSchema } from './hlc-schema.ts';

export const PROTOCOL_VERSION = 3;
/** The oldest version the server still answers. */
export const OLDEST_SUPPORTED_PROTOCOL_VERSION = 2;

/** A push batch is at most 500 mutations or about 1 MB of JSON before gzip. */
export const maxMutationsPerPush = 500;
export const maxPushBytes = 1_000_000;
export const maxPullLimit = 1000;

export const recordTypes = [
  'case',
  'service',
  'stay',
  'referral',
  'followUp',
  'note',
  'conflict',
] as const;
export const recordTypeSchema = z.enum(recordTypes);
export type RecordType = z.infer<typeof recordTypeSchema>;

/** Field names are plain identifiers, so they can never collide with prototype keys or paths. */
export const fieldNameSchema = z
  .string()
  .check(z.regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'not a field name'));
export const deviceIdSchema = z.string().check(z.regex(/^[0-9A-Za-z_-]{1,64}$/, 'not a device id'));

export const fieldStateSchema = z.object({ value: z.unknown(), stamp: stampSchema });

export const mutationFieldSchema = z.extend(fieldStateSchema, {
  /** The stamp of the value this write replaced on the tablet; null when the field was empty there. */
  base: z.nullable(stampSchema),
});

export const mutationSchema = z.object({
  /** Made on the tablet; the server records it so a repeated delivery changes nothing. */
  id: z.uuid(),
  recordType: recordTypeSchema,
  recordId: z.uuid(),
  /** The case the record belongs to (its own id for a case). */
  caseId: z.uuid(),
  fields: z
    .record(fieldNameSchema, mutationFieldSchema)
    .check(
      z.refine((fields) => Object.keys(fields).length > 0, 'a mutation changes at least one field'),
    ),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  protocolVersion: z.number().check(z.int()),
  deviceId: deviceIdSchema,
  mutations: z.array(mutationSchema).check(z.maxLength(maxMutationsPerPush)),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** A message a person may read: both languages, always. */
export const bilingualMessageSchema = z.object({
  hi: z.string().check(z.minLength(1)),
  en: z.string().check(z.minLength(1)),
});
export type BilingualMessage = z.infer<typeof bilingualMessageSchema>;

/** The codes version 2 knew: a version-2 tablet refuses a whole answer carrying another. */
const version2RejectionCodes = [
  'invalid_record',
  'forbidden',
  'stamp_too_far_ahead',
  'unknown_case',
  'record_type_mismatch',
] as const;

/** Every code the server sends today (docs/sync-protocol.md, "The answer"). */
export const rejectionCodes = [
  ...version2RejectionCodes,
  'foreign_device_stamp',
  /** Sealed push only (sealed-push-protocol.ts): the box did not open or held no mutation. */
  'unreadable_sealed_box',
  /** Sealed push only: the person named in the box may not write from this tablet. */
  'not_permitted',
  /** A case number that is not the pushing tablet's: another district or device tag. */
  'foreign_case_number',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

/**
 * Open on purpose: a tablet keeps a refused change and shows its reason whatever the code,
 * so a code added later needs no version bump for tablets of version 3 or later.
 */
export const rejectionCodeSchema = z.string().check(z.regex(/^[a-z][a-z_]{0,63}$/));

/** The code to send a tablet of `protocolVersion`: one it can read, with the same reason. */
export function rejectionCodeFor(code: RejectionCode, protocolVersion: number): RejectionCode {
  const isKnown = (version2RejectionCodes as readonly string[]).includes(code);
  return protocolVersion >= 3 || isKnown ? code : 'forbidden';
}

export const rejectedResultSchema = z.object({
  mutationId: z.uuid(),
  status: z.literal('rejected'),
  code: rejectionCodeSchema,
  reason: bilingualMessageSchema,
});
export type RejectedResult = z.infer<typeof rejectedResultSchema>;

/**
 * The answer about the mutations of one push, grouped as it travels: every mutation sent
 * that is not listed as a duplicate or rejected was applied (the batch is one transaction,
 * and this answer is sent only after it committed). The tablet checks that it adds up to
 * what it sent (`checkPushResponse`, push-response.ts) before acknowledging anything.
 */
export const pushResponseSchema = z.object({
  /** Server time (ISO-8601 UTC) when it answered: the tablet corrects its clock offset with it. */
  serverTime: z.iso.datetime(),
  /** How many were applied: all those sent that are listed in neither list below. */
  applied: z.int().check(z.minimum(0)),
  duplicates: z.array(z.uuid()),
  /** In the order they were sent. */
  rejected: z.array(rejectedResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  protocolVersion: z.number().check(z.int()),
  /** Opaque to the tablet; null to start from the beginning. */
  cursor: z.nullable(z.string().check(z.maxLength(200))),
  limit: z.number().check(z.int(), z.minimum(1), z.maximum(maxPullLimit)),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pulledRecordSchema = z.object({
  recordType: recordTypeSchema,
  id: z.uuid(),
  caseId: z.uuid(),
  centreId: z.uuid(),
  fields: z.record(fieldNameSchema, fieldStateSchema),
});
export type PulledRecord = z.infer<typeof pulledRecordSchema>;

export const pullResponseSchema = z.object({
  serverTime: z.iso.datetime(),
  records: z.array(pulledRecordSchema),
  /** Store it with the page, in one transaction, and send it back to resume. */
  cursor: z.nullable(z.string().check(z.maxLength(200))),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Every error the API returns, whatever the route: a stable code and a message in both languages. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().check(z.regex(/^[a-z_]+$/)),
    message: bilingualMessageSchema,
    serverTime: z.optional(z.iso.datetime()),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export function isSupportedProtocolVersion(version: number): boolean {
  return version >= OLDEST_SUPPORTED_PROTOCOL_VERSION && version <= PROTOCOL_VERSION;
}
