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
 * This module is the whole messages; the parts are wire-group-schemas.ts (group shapes),
 * wire-group-checks.ts (each group checked whole), wire-groups.ts (encode and decode, in
 * order for mutations) and compact-fields.ts (one stamp for most fields).
 *
 * What must always hold:
 * - The bytes a message travels as are the protocol (docs/sync-protocol.md): a change here
 *   is a PROTOCOL_VERSION bump.
 * - Nothing is acknowledged on a push answer until it adds up to exactly the mutations
 *   sent (`checkPushResponse`): acknowledging on a wrong answer would drop writes.
 */
import { z } from './zod.ts';
import {
  deviceIdSchema,
  maxMutationsPerPush,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './protocol.ts';
import { decodeMutations, decodeRecords, encodeMutations } from './wire-groups.ts';
import {
  WireFormatError,
  wireMutationGroupSchema,
  wireRecordGroupSchema,
  type ReceivedMutationGroup,
  type ReceivedRecordGroup,
} from './wire-group-schemas.ts';

export const wirePushRequestSchema = z.object({
  protocolVersion: z.number().check(z.int()),
  deviceId: deviceIdSchema,
  groups: z.array(wireMutationGroupSchema).check(z.maxLength(maxMutationsPerPush)),
});
export type WirePushRequest = Omit<z.infer<typeof wirePushRequestSchema>, 'groups'> & {
  groups: ReceivedMutationGroup[];
};

export const wirePullResponseSchema = z.object({
  serverTime: z.iso.datetime(),
  groups: z.array(wireRecordGroupSchema),
  /** Store it with the page, in one transaction, and send it back to resume. */
  cursor: z.nullable(z.string().check(z.maxLength(200))),
  hasMore: z.boolean(),
});
export type WirePullResponse = Omit<z.infer<typeof wirePullResponseSchema>, 'groups'> & {
  groups: ReceivedRecordGroup[];
};

export function encodePushRequest({ mutations, ...envelope }: PushRequest): WirePushRequest {
  return { ...envelope, groups: encodeMutations(mutations) };
}

/**
 * Mutation ids are distinct within a push: the answer names mutations by id, so a repeated
 * id would be answered once and the tablet would drop both from its outbox. The whole push
 * is refused instead, with nothing written.
 */
export function decodePushRequest({ groups, ...envelope }: WirePushRequest): PushRequest {
  const mutations = decodeMutations(groups);
  const seen = new Set<string>();
  for (const { id } of mutations) {
    if (seen.has(id)) throw new WireFormatError(`mutation id ${id} is listed twice in one push`);
    seen.add(id);
  }
  return { ...envelope, mutations };
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
