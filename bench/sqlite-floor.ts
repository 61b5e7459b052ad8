/**
 * The disk-bound floor under Sakhi's sync: the very rows Sakhi's server stored in a run,
 * written again by better-sqlite3 alone into a copy of its database from before the
 * pushes (same schema, indexes and seeded staff), with the server's own settings (WAL,
 * synchronous=FULL, the same checkpoint limit), in as many transactions as Sakhi's pushes
 * took, each committed with its fsync; and the pull's rows read back in as many pages. No
 * HTTP, JSON, checks or merging: what no sync over this database can do faster. Sakhi ÷
 * floor says how much of a scenario is left above the disk.
 *
 * The rows are read from Sakhi's database right after each push scenario (`takeStoredRows`),
 * so both write the same bytes to the same tables and indexes.
 */
import SqliteDatabase from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import { CHECKPOINT_PAGES } from '../server/db/sqlite-checkpoint.ts';

type Row = Record<string, unknown>;

/** What one push scenario left in Sakhi's tables, and in how many pushes. */
export interface StoredRows {
  readonly records: Row[];
  readonly mutations: Row[];
  readonly facts: Row[];
  readonly pushes: number;
}

/** What the pushes since `after` (a change-log number and the receipts then) wrote. */
export async function takeStoredRows(
  db: QueryExecutorProvider,
  after: { seq: number; mutationIds: ReadonlySet<unknown> },
  pushes: number,
): Promise<StoredRows> {
  const rowsOf = async (query: RawBuilder<Row>) => (await query.execute(db)).rows;
  const records = await rowsOf(
    sql`select * from sync_records where seq > ${after.seq} order by seq`,
  );
  const ids = new Set(records.map((row) => row.id));
  const mutations = (await rowsOf(sql`select * from sync_mutations order by rowid`)).filter(
    (row) => !after.mutationIds.has(row.id),
  );
  const facts = (await rowsOf(sql`select * from report_facts order by rowid`)).filter((row) =>
    ids.has(row.record_id),
  );
  return { records, mutations, facts, pushes };
}

export interface FloorResults {
  'push cases': number;
  'push edits': number;
  'fresh pull': number;
}

/**
 * A copy of Sakhi's database as it stands (schema, centre, staff, devices: what the rows'
 * foreign keys name), taken before its pushes; the floor writes into it.
 */
export async function copyDatabaseBeforePushes(db: QueryExecutorProvider): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'sakhi-floor-')), 'floor.sqlite');
  await sql`vacuum into ${file}`.execute(db);
  return file;
}

/**
 * Writes `cases` then `edits` into `file` (from `copyDatabaseBeforePushes`) as the floor
 * does, then reads the records back in `pullPages` pages; ms each. Removes the copy.
 */
export function runSqliteFloor(
  file: string,
  cases: StoredRows,
  edits: StoredRows,
  pullPages: number,
): FloorResults {
  try {
    // The connection as the server opens it (database.ts), foreign keys checked as there.
    const sqlite = new SqliteDatabase(file);
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
      const pushCases = timed(() => writeInPushes(sqlite, cases));
      const pushEdits = timed(() => writeInPushes(sqlite, edits));
      const freshPull = timed(() => readInPages(sqlite, cases.records, pullPages));
      return { 'push cases': pushCases, 'push edits': pushEdits, 'fresh pull': freshPull };
    } finally {
      sqlite.close();
    }
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** Each table's rows cut into `pushes` equal runs; run i of every table in transaction i. */
function writeInPushes(sqlite: SqliteDatabase.Database, stored: StoredRows): void {
  const tables = [
    { name: 'sync_records', key: 'id', rows: stored.records },
    { name: 'sync_mutations', key: 'id', rows: stored.mutations },
    { name: 'report_facts', key: 'record_id', rows: stored.facts },
  ].map((table) => ({ ...table, upsert: upsertOf(sqlite, table.name, table.key, table.rows) }));
  const write = sqlite.transaction((push: number) => {
    for (const { rows, upsert } of tables) {
      const size = Math.ceil(rows.length / stored.pushes);
      for (const row of rows.slice(push * size, (push + 1) * size)) upsert?.run(row);
    }
  });
  for (let push = 0; push < stored.pushes; push++) write(push);
}

/** An insert of `rows`' columns that rewrites a row already there, as a push of an edit does. */
function upsertOf(sqlite: SqliteDatabase.Database, table: string, key: string, rows: Row[]) {
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) return undefined;
  const updates = columns.filter((column) => column !== key);
  return sqlite.prepare(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})` +
      ` on conflict (${key}) do ${updates.length === 0 ? 'nothing' : `update set ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}`}`,
  );
}

/** The centre's records in seq order, `pages` range reads of equal size, fields and all. */
function readInPages(
  sqlite: SqliteDatabase.Database,
  records: readonly Row[],
  pages: number,
): void {
  const recordCount = records.length;
  const read = sqlite.prepare(
    'select id, record_type, case_id, centre_id, fields, seq from sync_records' +
      ' where centre_id = ? and seq > ? order by seq limit ?',
  );
  const size = Math.ceil(recordCount / pages);
  let after = 0;
  let count = 0;
  for (let page = 0; page < pages; page++) {
    const rows = read.all(records[0]?.centre_id, after, size) as { seq: number }[];
    count += rows.length;
    after = rows.at(-1)?.seq ?? after;
  }
  if (count !== recordCount) throw new Error(`the floor read ${count} of ${recordCount} records`);
}
