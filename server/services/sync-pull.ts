/**
 * Pull: the records of the caller's centre changed after a cursor, in change-log order.
 *
 * What must always hold:
 * - The cursor is the change-log number of the last record sent (decimal text). Numbers
 *   are assigned in commit order (change-log.ts), so "seq > cursor" never misses a
 *   change, and nothing is hard-deleted, so a cursor never expires.
 * - A record is sent in its current merged state, with every field's stamp; a record
 *   changed again after a page moves to the end of the log and comes again later.
 * - Records leave here in the compact form they are stored in (sync-record-fields.ts),
 *   ready for the wire's columns (src/domain/wire.ts): a pull never expands them.
 * - Scope: a centre's staff get all of that centre's records (cases, entries, conflicts;
 *   survivor data included). Headquarters roles get none (see sync-scope.ts).
 */
import type { Kysely } from 'kysely';
import type { PullRequest } from '../../src/domain/protocol.ts';
import type { CompactRecord } from '../../src/domain/compact-fields.ts';
import { parseStoredFields } from '../db/sync-record-fields.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { ServiceError } from './service-error.ts';
import { assertSupportedProtocol, refuseSync } from './sync-errors.ts';
import { syncCentreOf, type SyncActor } from './sync-scope.ts';

const CURSOR_PATTERN = /^(0|[1-9][0-9]{0,15})$/;

/** A pull answer before it is put in columns: PullResponse with compact records. */
export interface PullPage {
  readonly serverTime: string;
  readonly records: CompactRecord[];
  readonly cursor: string | null;
  readonly hasMore: boolean;
}

export async function pullChanges(
  db: Kysely<SyncDatabase>,
  actor: SyncActor,
  request: PullRequest,
  now: Date,
): Promise<PullPage> {
  assertSupportedProtocol(request.protocolVersion);
  const centreId = syncCentreOf(actor);
  if (centreId === null) throw refuseSync('headquarters_no_records');
  const after = parseCursor(request.cursor);
  const rows = await db
    .selectFrom('sync_records')
    .select(['id', 'record_type', 'case_id', 'centre_id', 'fields', 'seq'])
    .where('centre_id', '=', centreId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(request.limit + 1)
    .execute();
  const page = rows.slice(0, request.limit);
  const records: CompactRecord[] = page.map((row) => ({
    recordType: row.record_type,
    id: row.id,
    caseId: row.case_id,
    centreId: row.centre_id,
    ...parseStoredFields(row.fields),
  }));
  const last = page.at(-1);
  return {
    serverTime: now.toISOString(),
    records,
    cursor: last ? String(last.seq) : request.cursor,
    hasMore: rows.length > request.limit,
  };
}

/** The change-log number a cursor stands for; null (a fresh tablet) is 0. */
export function parseCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  const seq = CURSOR_PATTERN.test(cursor) ? Number(cursor) : NaN;
  if (!Number.isSafeInteger(seq)) throw new ServiceError('invalid_cursor');
  return seq;
}
