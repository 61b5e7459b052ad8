/**
 * Pull: the records of the caller's centre changed after a cursor, in change-log order.
 *
 * What must always hold:
 * - The cursor names the change log and the number of the last record sent
 *   (sync-cursor.ts). Numbers are assigned in commit order (change-log.ts), so
 *   "seq > cursor" never misses a change, and nothing is hard-deleted, so a cursor never
 *   expires — while the log it names is this database's; otherwise it is refused.
 * - A page holds at most `limit` records and about `maxPullPageBytes` of their fields
 *   (always at least one record, so a pull always moves on). The sizes are read first,
 *   from the database, so a page of large records is never loaded whole to be cut.
 * - A record is sent in its current merged state, with every field's stamp; a record
 *   changed again after a page moves to the end of the log and comes again later.
 * - Records leave here in the compact form they are stored in (sync-record-fields.ts),
 *   ready for the wire's columns (src/domain/wire.ts): a pull never expands them.
 * - Scope: a centre's staff get all of that centre's records (cases, entries, conflicts;
 *   survivor data included). Headquarters roles get none (see sync-scope.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { PullRequest } from '../../src/domain/protocol.ts';
import type { CompactRecord } from '../../src/domain/compact-fields.ts';
import { parseStoredFields } from '../db/sync-record-fields.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { formatCursor, parseCursor, readChangeLogPosition } from './sync-cursor.ts';
import { assertSupportedProtocol, refuseSync } from './sync-errors.ts';
import { syncCentreOf, type SyncActor } from './sync-scope.ts';

/**
 * UTF-8 bytes of stored fields per page. The wire's columns carry the same values and
 * stamps with field names once per group, so a page's JSON stays close to this.
 */
export const maxPullPageBytes = 1_000_000;

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
  // One connection for the pull's three reads: under load a pool connection can take
  // long to come free, and each read taking its own would wait three times.
  return db.connection().execute((connection) => readPage(connection, centreId, request, now));
}

async function readPage(
  db: Kysely<SyncDatabase>,
  centreId: string,
  request: PullRequest,
  now: Date,
): Promise<PullPage> {
  const position = await readChangeLogPosition(db);
  const after = parseCursor(request.cursor, position);
  const sizes = await selectPageSizes(db, centreId, after, request.limit + 1).execute();
  const pageSeqs = fitPage(sizes, request.limit);
  const last = pageSeqs.at(-1);
  // Between the two reads a record of the page may change again: it then has a number
  // past `last` and comes in a later page, so the page may be shorter but never skips.
  const rows =
    last === undefined
      ? []
      : await db
          .selectFrom('sync_records')
          .select(['id', 'record_type', 'case_id', 'centre_id', 'fields'])
          .where('centre_id', '=', centreId)
          .where('seq', '>', after)
          .where('seq', '<=', last)
          .orderBy('seq')
          .execute();
  const records: CompactRecord[] = rows.map((row) => ({
    recordType: row.record_type,
    id: row.id,
    caseId: row.case_id,
    centreId: row.centre_id,
    ...parseStoredFields(row.fields),
  }));
  return {
    serverTime: now.toISOString(),
    records,
    cursor: last === undefined ? request.cursor : formatCursor(position.logId, last),
    hasMore: sizes.length > pageSeqs.length,
  };
}

/**
 * The numbers and field sizes of the centre's next `limit` records. The size expression
 * is the one in the index sync_records_centre_seq_size (migration 0012), written the same
 * so that SQLite answers this from the index alone.
 */
export function selectPageSizes(
  db: Kysely<SyncDatabase>,
  centreId: string,
  after: number,
  limit: number,
) {
  return db
    .selectFrom('sync_records')
    .select(['seq', sql<number>`octet_length(fields)`.as('size')])
    .where('centre_id', '=', centreId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit);
}

/** The numbers of the leading records within `limit` and `maxPullPageBytes`; at least one. */
function fitPage(sizes: readonly { seq: number; size: number }[], limit: number): number[] {
  const seqs: number[] = [];
  let bytes = 0;
  for (const { seq, size } of sizes.slice(0, limit)) {
    bytes += Number(size);
    if (seqs.length > 0 && bytes > maxPullPageBytes) break;
    seqs.push(Number(seq));
  }
  return seqs;
}
