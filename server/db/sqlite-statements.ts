/**
 * The SQLite connection as Kysely sees it, with each statement's text prepared once.
 *
 * Why: Kysely prepares every query afresh, and a push writes the same 500-row insert
 * (4,000 parameters) batch after batch: preparing it took about as long as running it.
 * Here a statement already prepared for the same text is reused.
 *
 * What must stay true:
 * - A statement still being read (a streamed select: `busy`) is never handed out again;
 *   the caller gets a freshly prepared one instead, so two reads never share a cursor.
 * - The cache is bounded (least recently used goes first), so one-off statement texts
 *   cannot grow memory without end.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statement texts kept: the server's steady set is far smaller. */
export const CACHED_STATEMENTS = 200;

export function cachePreparedStatements(
  sqlite: SqliteDatabase.Database,
  limit = CACHED_STATEMENTS,
): KyselySqliteDatabase {
  const prepared = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      prepared.clear();
      sqlite.close();
    },
    prepare: (text: string): SqliteStatement => {
      const cached = prepared.get(text);
      if (cached !== undefined) {
        if (cached.busy) return sqlite.prepare(text);
        // Map keeps insertion order: moving it to the end keeps the oldest first.
        prepared.delete(text);
        prepared.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      prepared.set(text, statement);
      if (prepared.size > limit) prepared.delete(prepared.keys().next().value!);
      return statement;
    },
  };
}
