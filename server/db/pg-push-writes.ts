/**
 * A push's writes on PostgreSQL in one statement: its records, their report facts and its
 * mutation receipts, each table's rows passed as one array per column (`unnest`).
 *
 * Why: a push writes under the change log's lock (server/services/change-log.ts), which
 * every push on the database waits for, and each statement under it is a round trip to the
 * server. Three inserts (four past 400 facts) became one; and the statement's text is the
 * same for any number of rows, so PostgreSQL plans it like any other.
 *
 * What must stay true: the same rows land as row-statement.ts's inserts would write them
 * (same conflict rules: a record's fields, number and update time, a fact's every column,
 * are rewritten; a receipt is only ever inserted). The CTEs each run exactly once, whether
 * or not the final select reads them. The rows may be several pushes' of one group
 * (services/pg-push-groups.ts), never two writing one row: `on conflict do update` cannot
 * touch a row twice in one statement, and the group writes a push that read a row an
 * earlier push writes in a statement of its own.
 */
import { sql, type Kysely } from 'kysely';
import { REPORT_FACT_COLUMNS, type ReportFactsTable } from './report-facts.ts';
import type { SyncDatabase, SyncMutationsTable, SyncRecordsTable } from './sync-schema.ts';

const RECORD_COLUMNS = [
  ['id', 'text'],
  ['record_type', 'text'],
  ['case_id', 'text'],
  ['centre_id', 'text'],
  ['fields', 'text'],
  ['seq', 'bigint'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const satisfies readonly (readonly [keyof SyncRecordsTable, string])[];

const RECEIPT_COLUMNS = [
  ['id', 'text'],
  ['device_id', 'text'],
  ['user_id', 'text'],
  ['record_id', 'text'],
  ['received_at', 'text'],
] as const satisfies readonly (readonly [keyof SyncMutationsTable, string])[];

const INTEGER_FACT_COLUMNS: ReadonlySet<string> = new Set(['deleted', 'length_days']);

export interface PushWrites {
  readonly records: readonly SyncRecordsTable[];
  readonly facts: readonly ReportFactsTable[];
  readonly receipts: readonly SyncMutationsTable[];
}

/** A push's rows before their change-log numbers are drawn (under the lock). */
export interface UnnumberedPushWrites {
  /** Changed records, then new conflicts, each to get a new number. */
  readonly records: readonly Omit<SyncRecordsTable, 'seq'>[];
  readonly facts: readonly ReportFactsTable[];
  readonly receipts: readonly SyncMutationsTable[];
}

export async function writePushOnPostgres(
  trx: Kysely<SyncDatabase>,
  writes: PushWrites,
): Promise<void> {
  const arraysOf = <Row>(rows: readonly Row[], columns: readonly (keyof Row)[]) =>
    columns.map((column) => rows.map((row) => row[column]));
  const recordArrays = arraysOf(
    writes.records,
    RECORD_COLUMNS.map(([name]) => name),
  );
  const factArrays = arraysOf(writes.facts, REPORT_FACT_COLUMNS);
  const receiptArrays = arraysOf(
    writes.receipts,
    RECEIPT_COLUMNS.map(([name]) => name),
  );
  const unnest = (arrays: unknown[][], types: readonly string[]) =>
    sql.join(arrays.map((values, i) => sql`${values}::${sql.raw(types[i]!)}[]`));
  const factTypes = REPORT_FACT_COLUMNS.map((name) =>
    INTEGER_FACT_COLUMNS.has(name) ? 'integer' : 'text',
  );
  const factUpdates = sql.join(
    REPORT_FACT_COLUMNS.slice(1).map((name) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`),
  );
  const names = (columns: readonly string[]) => sql.join(columns.map((name) => sql.ref(name)));
  await sql`
    with records as (
      insert into sync_records (${names(RECORD_COLUMNS.map(([name]) => name))})
      select * from unnest(${unnest(
        recordArrays,
        RECORD_COLUMNS.map(([, type]) => type),
      )})
      on conflict (id) do update set
        fields = excluded.fields, seq = excluded.seq, updated_at = excluded.updated_at
      returning 1
    ), facts as (
      insert into report_facts (${names(REPORT_FACT_COLUMNS)})
      select * from unnest(${unnest(factArrays, factTypes)})
      on conflict (record_id) do update set ${factUpdates}
      returning 1
    ), receipts as (
      insert into sync_mutations (${names(RECEIPT_COLUMNS.map(([name]) => name))})
      select * from unnest(${unnest(
        receiptArrays,
        RECEIPT_COLUMNS.map(([, type]) => type),
      )})
      returning 1
    )
    select (select count(*) from records) as records, (select count(*) from facts) as facts,
      (select count(*) from receipts) as receipts
  `.execute(trx);
}
