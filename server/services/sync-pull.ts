/**
 * Pull: the records of the caller's centre changed after a cursor, in change-log order.
 *
 * What must always hold:
 * - The cursor names the change log and the number of the last record sent
 *   (sync-cursor.ts). Numbers are assigned in commit order (change-log.ts), so
 *   "seq > cursor" never misses a change, and nothing is hard-deleted, so a cursor never
 *   expires — while the log it names is this database's; otherwise it is refused.
 * - A page holds at most `limit` records and about `maxPullPageBytes` of their fields
 *   (always at least one record, so a pull always moves on). The database fits the page
 *   from the sizes (compilePageQuery), so a page of large records is never loaded whole
 *   to be cut.
 * - A record is sent in its current merged state, with every field's stamp; a record
 *   changed again after a page moves to the end of the log and comes again later.
 * - Records leave here in the compact form they are stored in (sync-record-fields.ts),
 *   ready for the wire's columns (src/domain/wire.ts): a pull never expands them.
 * - Scope: a centre's staff get all of that centre's records (cases, entries, conflicts;
 *   survivor data included). Headquarters roles get none (see sync-scope.ts).
 */
import { sql, type CompiledQuery, type DialectAdapter, type Kysely } from 'kysely';
import type { PullRequest } from '../../src/domain/protocol.ts';
import type { CompactRecord } from '../../src/domain/compact-fields.ts';
import { parseStoredFields } from '../db/sync-record-fields.ts';
import { pullDatabaseOf } from '../db/database.ts';
import type { SyncDatabase, SyncRecordsTable } from '../db/sync-schema.ts';
import { checkCursor, formatCursor, readCursor } from './sync-cursor.ts';
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
  // Its own pool on PostgreSQL (database.ts): a pull never waits for a connection behind
  // pushes queued for the change log's lock.
  return readPage(pullDatabaseOf(db), centreId, request, now);
}

async function readPage(
  db: Kysely<SyncDatabase>,
  centreId: string,
  request: PullRequest,
  now: Date,
): Promise<PullPage> {
  const cursor = readCursor(request.cursor);
  const { rows } = await db.executeQuery(
    compilePageQuery(db, centreId, cursor?.seq ?? 0, request.limit),
  );
  const first = rows[0];
  if (first?.log_id == null) throw new Error('sync_change_log has no row');
  const position = { logId: first.log_id, lastSeq: Number(first.last_seq ?? 0) };
  // Refused only now that the position is read; the rows read meanwhile are dropped.
  checkCursor(cursor, position);
  // The statement leaves the order to here: sorting a few hundred numbers costs nothing,
  // where an ORDER BY had the database sort the rows with their fields in a temporary tree.
  const pageRows = rows.filter((row) => row.seq !== null).sort((a, b) => a.seq! - b.seq!);
  const records: CompactRecord[] = pageRows.map((row) => ({
    recordType: row.record_type!,
    id: row.id!,
    caseId: row.case_id!,
    centreId: row.centre_id!,
    ...parseStoredFields(row.fields!),
  }));
  const last = pageRows.at(-1)?.seq;
  return {
    serverTime: now.toISOString(),
    records,
    cursor: last == null ? request.cursor : formatCursor(position.logId, Number(last)),
    hasMore: Number(first.next_count) > records.length,
  };
}

/**
 * One row per record on the page, or one row with no record when the page is empty; the
 * change log's position and the count of records looked at on every row.
 */
interface PageRow {
  /** Null only if the change log has no row, which migrations never leave. */
  readonly log_id: string | null;
  readonly last_seq: number | null;
  /** How many of the centre's records after the cursor were looked at (at most `limit + 1`). */
  readonly next_count: number;
  /** Null only when nothing fits the page (the one row is the position). */
  readonly seq: number | null;
  readonly id: string | null;
  readonly record_type: SyncRecordsTable['record_type'] | null;
  readonly case_id: string | null;
  readonly centre_id: string | null;
  readonly fields: string | null;
}

/**
 * The change log's position, the numbers and sizes of the centre's next `limit + 1`
 * records, and the fields of those that fit the page (the leading ones within `limit` and
 * `maxPullPageBytes`, always the first): one statement, so one round trip and one
 * snapshot. Under load each round trip waited for a turn of the server's busy event loop
 * (and for PostgreSQL), and a pull made three. The sizes come from the index alone, as in
 * selectPageSizes; a record's row is read only when it is on the page. The running count
 * and sum go row by row (ROWS: the default RANGE looks for ties, which a unique seq never
 * has), and the page is cut from them before the join, so no row past it is looked up.
 * Against the text before, which joined every number looked at and sorted the joined rows:
 * a fresh tablet's 10,000 cases (22 pages) read ~17% faster on SQLite and ~30% faster on
 * PostgreSQL, pages included their parse (docs/performance.md, "Where a pull's time goes").
 *
 * The change log's one row is read as a value, not joined as a table: PostgreSQL guesses
 * a table it has never analysed at hundreds of rows, which made every page look hundreds
 * of times bigger than `limit`, pushed its cost past `jit_above_cost`, and had each pull
 * compile itself with LLVM (~8 ms) before reading its rows (~1 ms).
 *
 * Built once per database and reused with new parameters: the text never changes.
 */
export function compilePageQuery(
  db: Kysely<SyncDatabase>,
  centreId: string,
  after: number,
  limit: number,
): CompiledQuery<PageRow> {
  const adapter = db.getExecutor().adapter;
  let compiled = pageQueries.get(adapter);
  if (compiled === undefined) {
    const sizes = selectPageSizes(db, centreId, after, limit + 1);
    compiled = sql<PageRow>`
      with sizes as (select seq, size from ${sizes} as next),
      fitted as (
        select seq, row_number() over running as n, sum(size) over running as bytes
        from sizes
        window running as (order by seq rows between unbounded preceding and current row)
      ),
      page as (select seq from fitted where n <= ${limit} and (n = 1 or bytes <= ${maxPullPageBytes}))
      select (select log_id from sync_change_log) as log_id,
        (select max(seq) from sync_records) as last_seq,
        (select count(*) from fitted) as next_count,
        r.seq, r.id, r.record_type, r.case_id, r.centre_id, r.fields
      from (select 1) as position
      left join page on true
      left join sync_records as r on r.seq = page.seq
    `.compile(db);
    pageQueries.set(adapter, compiled);
  }
  // The parameters in the order the text above takes them.
  return { ...compiled, parameters: [centreId, after, limit + 1, limit, maxPullPageBytes] };
}

const pageQueries = new WeakMap<DialectAdapter, CompiledQuery<PageRow>>();

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
