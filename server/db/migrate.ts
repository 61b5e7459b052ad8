/**
 * Brings the schema up to date. Run at every start, by every server process.
 *
 * Migrations are listed here by hand, not found by globbing a folder, so they work the
 * same under tsx, Vitest and any bundler. Kysely applies them in name order; a new one
 * gets the next number.
 *
 * Why many processes may migrate at once (checked in node_modules/kysely 0.28.19,
 * dist/migration/migrator.js and dist/dialect/postgres/postgres-adapter.js):
 * - PostgreSQL: the Migrator takes one pooled connection, calls
 *   `pg_advisory_lock(3853314791062309107)` on it (a session lock, waited for up to an
 *   hour), then opens a transaction on that same connection, reads which migrations
 *   already ran, runs the rest and records them, commits, and only then unlocks. A second
 *   process blocks in `pg_advisory_lock` until the first has committed, then reads the
 *   committed list and finds nothing to do. Before the lock it creates the
 *   `kysely_migration` tables and lock row with create-if-not-exists, re-checking on
 *   error, because two concurrent CREATEs can still collide in PostgreSQL's catalog.
 *   DDL is transactional in PostgreSQL, so a failed migration leaves nothing half done.
 *   (Older Kysely versions used `SELECT ... FOR UPDATE` on the lock row instead; the
 *   effect is the same.) migrate.pg.test.ts races two migrators to hold us to this.
 * - SQLite: the adapter's lock is a no-op; the Migrator holds SQLite's only connection
 *   for the whole run, which serialises migrators within one process. SQLite serves one
 *   server process (PostgreSQL is the multi-process engine), so that is enough. Kysely
 *   does not wrap SQLite migrations in a transaction, so keep each migration to
 *   statements that cannot fail halfway on valid data.
 */
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.ts';
import * as accounts from './migrations/0002-accounts.ts';
import * as sync from './migrations/0003-sync.ts';
import * as compactRecords from './migrations/0004-compact-records.ts';
import * as changeLogId from './migrations/0005-change-log-id.ts';
import * as deviceKeys from './migrations/0006-device-keys.ts';
import { hashedUnknownUsernames } from './migrations/0007-hashed-unknown-usernames.ts';
import * as reportFacts from './migrations/0008-report-facts.ts';
import * as reportAndSignInIndexes from './migrations/0010-report-and-sign-in-indexes.ts';
import * as pullSizeIndex from './migrations/0012-pull-size-index.ts';

/**
 * Every migration, given the secrets file's username key (0007 hashes stored usernames
 * with it). The server always passes it; without it (null) 0007 runs only on a database
 * with nothing to rewrite, which is every new one.
 */
export function listMigrations(usernameKey: Buffer | null): Record<string, Migration> {
  return {
    '0001-foundation': foundation,
    '0002-accounts': accounts,
    '0003-sync': sync,
    '0004-compact-records': compactRecords,
    '0005-change-log-id': changeLogId,
    '0006-device-keys': deviceKeys,
    '0007-hashed-unknown-usernames': hashedUnknownUsernames(usernameKey),
    '0008-report-facts': reportFacts,
    '0010-report-and-sign-in-indexes': reportAndSignInIndexes,
    '0012-pull-size-index': pullSizeIndex,
  };
}

/** For new databases (tests, benchmarks): see listMigrations. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = listMigrations(null);

export class MigrationError extends Error {
  readonly code = 'migration_failed';
  constructor(
    readonly migrationName: string | undefined,
    options: { cause: unknown },
  ) {
    super(
      migrationName
        ? `database migration "${migrationName}" failed; the schema was not brought up to date`
        : 'database migrations could not run',
      options,
    );
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration; returns the names it applied (none if up to date). */
export async function migrateToLatest<T>(
  db: Kysely<T>,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) };
  const migrator = new Migrator({ db, provider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((r) => r.migrationName);
}
