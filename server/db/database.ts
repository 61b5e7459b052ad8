/**
 * Opens the server's database: SQLite (embedded default) or PostgreSQL (DATABASE_URL).
 * Everything above this file sees one `Kysely<Database>` and must not care which.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DialectAdapter,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';
import { createPushGroupCommit, type PushGroupCommit } from './push-group-commit.ts';
import { CHECKPOINT_PAGES, createIdleCheckpoint } from './sqlite-checkpoint.ts';
import { cachePreparedStatements } from './sqlite-statements.ts';

export type Dialect = DatabaseConfig['dialect'];

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Called when an idle PostgreSQL connection breaks (server restart, network). The pool
   * drops that connection and opens a new one for the next query; without a listener,
   * Node would treat the error as unhandled and stop the whole server.
   */
  onConnectionError?: (error: Error) => void;
}

export function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): OpenDatabase {
  const { db, stop } =
    config.dialect === 'sqlite'
      ? openSqliteKysely(config.file)
      : openPostgresKysely(config.url, options);
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: config.dialect,
    close: () => (closing ??= Promise.resolve(stop()).then(() => db.destroy())),
  };
}

/**
 * SQLite's adapter, carrying the one queue this database's pushes commit through
 * (push-group-commit.ts). Every handle made from the database (`withTables`, `withPlugin`,
 * a transaction) shares its adapter, so all of them find the same queue, made once here.
 */
class SqliteAdapterWithPushGroups extends SqliteAdapter {
  pushGroups: PushGroupCommit<Database> | undefined;
}

class SqliteDialectWithPushGroups extends SqliteDialect {
  readonly adapter = new SqliteAdapterWithPushGroups();
  override createAdapter(): DialectAdapter {
    return this.adapter;
  }
}

function openSqliteKysely(file: string): { db: Kysely<Database>; stop: () => void } {
  const dialect = new SqliteDialectWithPushGroups({
    database: cachePreparedStatements(openSqlite(file)),
  });
  const db = new Kysely<Database>({ dialect });
  const checkpoint = createIdleCheckpoint(() => sql`pragma wal_checkpoint(PASSIVE)`.execute(db));
  dialect.adapter.pushGroups = createPushGroupCommit(db, {
    afterCommit: () => checkpoint.noteCommit(),
  });
  return { db, stop: () => checkpoint.stop() };
}

/**
 * The queue SQLite pushes commit through, from any handle of a database `openDatabase`
 * opened; undefined for PostgreSQL (which groups pushes under the change log's lock instead,
 * server/services/pg-push-groups.ts) and for a SQLite handle made
 * elsewhere.
 */
export function pushGroupsOf<DB>(db: Kysely<DB>): PushGroupCommit<Database> | undefined {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof SqliteAdapterWithPushGroups ? adapter.pushGroups : undefined;
}

function openSqlite(file: string): SqliteDatabase.Database {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers go on while one writer commits.
  sqlite.pragma('journal_mode = WAL');
  // SQLite leaves foreign keys off unless asked, per connection.
  sqlite.pragma('foreign_keys = ON');
  // A backup or admin command holding the write lock makes us wait, not fail at once.
  sqlite.pragma('busy_timeout = 5000');
  // FULL, not WAL's usual NORMAL: under NORMAL a commit can vanish on power loss, and the
  // server acknowledges a tablet's changes right after commit; the tablet then deletes
  // its copy. An acknowledged change must survive the power cut.
  sqlite.pragma('synchronous = FULL');
  // Checkpoints run between pushes (sqlite-checkpoint.ts); SQLite's own only past this.
  sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  return sqlite;
}

/**
 * PostgreSQL's adapter, carrying a second handle on the same database whose pool only
 * pulls use (pullDatabaseOf). Under load every connection of the main pool can be taken
 * by pushes reading before the lock, a group holding the lock, sign-ins and audit rows,
 * and a pull — one short read — then waited behind all of them for a connection.
 */
class PostgresAdapterWithPullPool extends PostgresAdapter {
  pullDb: Kysely<Database> | undefined;
}

class PostgresDialectWithPullPool extends PostgresDialect {
  readonly adapter = new PostgresAdapterWithPullPool();
  override createAdapter(): DialectAdapter {
    return this.adapter;
  }
}

/**
 * Connections per server process: the main pool's 10 (pg's default) and 4 for pulls. Two
 * processes and an admin command stay far below PostgreSQL's default max_connections
 * (100). Four, as a pull is one statement (sync-pull.ts): more would only queue in
 * PostgreSQL instead of here.
 */
const MAIN_POOL_SIZE = 10;
const PULL_POOL_SIZE = 4;

function openPostgresKysely(
  url: string,
  options: OpenDatabaseOptions,
): { db: Kysely<Database>; stop: () => Promise<void> } {
  const dialect = new PostgresDialectWithPullPool({
    pool: openPool(url, options, MAIN_POOL_SIZE),
  });
  const pullDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: openPool(url, options, PULL_POOL_SIZE) }),
  });
  dialect.adapter.pullDb = pullDb;
  return { db: new Kysely<Database>({ dialect }), stop: () => pullDb.destroy() };
}

/**
 * The handle pulls read through: on PostgreSQL from openDatabase, the one with a pool of
 * its own; otherwise `db` itself (SQLite has one connection for everything).
 */
export function pullDatabaseOf<DB>(db: Kysely<DB>): Kysely<DB> {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof PostgresAdapterWithPullPool && adapter.pullDb
    ? (adapter.pullDb as unknown as Kysely<DB>)
    : db;
}

const INT8_OID = 20;

function openPool(url: string, options: OpenDatabaseOptions, max: number): pg.Pool {
  // COUNT(*) and BIGINT columns: pg returns them as strings, SQLite as numbers. Make both
  // numbers, and refuse (rather than round) any value past 2^53. Per pool, not global.
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', parseInt8);
  const pool = new pg.Pool({ connectionString: url, types, max });
  pool.on('error', (error) => options.onConnectionError?.(error));
  return pool;
}

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`bigint ${text} is beyond 2^53 and cannot be read exactly as a number`);
  }
  return value;
}
