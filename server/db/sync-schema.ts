/**
 * The sync tables (migration 0003-sync), as Kysely sees them. schema.ts's `Database`
 * includes them, so one `Kysely<Database>` handle serves accounts and sync alike;
 * `SyncDatabase` is the same type, kept as the name the sync services use.
 *
 * What holds, beyond schema.ts's rules (instants as ISO text, ids as text):
 * - `fields` is the record's merged fields in compact form (`{ stamp, values, stamps? }`,
 *   see sync-record-fields.ts, the only code that reads or writes it) as JSON text on
 *   both engines. The server never queries inside it (scope lives in real columns), text
 *   comes back byte for byte as written on both drivers, and PostgreSQL's jsonb would
 *   reorder keys and be parsed by pg but not by better-sqlite3.
 * - `seq` is the change-log number of the record's latest change: unique, and assigned in
 *   commit order (server/services/change-log.ts), so "everything after N" misses nothing.
 */
import type { RecordType } from '../../src/domain/protocol.ts';
import type { Database, Instant } from './schema.ts';

export interface SyncRecordsTable {
  /** UUID made by whoever created the record: the tablet, or the server for a conflict. */
  id: string;
  record_type: RecordType;
  /** The case the record belongs to; a case's own id for a case. Never changes. */
  case_id: string;
  /** The centre whose staff may read and write it. Never changes. */
  centre_id: string;
  /** JSON text of the merged fields, compact (sync-record-fields.ts). */
  fields: string;
  /** Change-log number of the latest change (bigint; read as a number, see database.ts). */
  seq: number;
  created_at: Instant;
  updated_at: Instant;
}

/** Every mutation id the server applied, written in the same transaction as its change. */
export interface SyncMutationsTable {
  id: string;
  device_id: string;
  user_id: string;
  record_id: string;
  received_at: Instant;
}

/** One row: the id of this database's change log, which pull cursors carry. */
export interface SyncChangeLogTable {
  /** Random UUID; a new one after every restore (0005-change-log-id). */
  log_id: string;
  renewed_at: Instant;
}

// A type alias, not an interface, so `withTables<SyncTables>()` accepts it.
export type SyncTables = {
  sync_records: SyncRecordsTable;
  sync_mutations: SyncMutationsTable;
  sync_change_log: SyncChangeLogTable;
};

export type SyncDatabase = Database;
