// @vitest-environment node
// The SQLite half of the engine checks; migrate.pg.test.ts runs the same on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectConstraintsHold,
  expectDemoSeedIsIdempotent,
  expectMigratesOnceThenNoop,
  expectMigrationWithoutKeyRefusesClearUsernames,
  expectUnknownUsernamesHashedByMigration,
} from '../../tests/support/database-checks.ts';
import { DemoSeedRefusedError, seedDemo } from '../services/demo-seed.ts';
import { openDatabase, type OpenDatabase } from './database.ts';
import { MIGRATIONS, MigrationError, migrateToLatest } from './migrate.ts';

describe('SQLite database', () => {
  let dataDir: string;
  let database: OpenDatabase;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sakhi-sqlite-'));
    // A folder that does not exist yet: openDatabase must create it.
    database = openDatabase({ dialect: 'sqlite', file: join(dataDir, 'nested', 'sakhi.sqlite') });
  });

  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs in WAL mode with foreign keys on and full sync', async () => {
    await migrateToLatest(database.db);
    const reopened = openDatabase({
      dialect: 'sqlite',
      file: join(dataDir, 'nested', 'sakhi.sqlite'),
    });
    const pragma = async (name: string) =>
      (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(reopened.db))
        .rows[0];
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await pragma('synchronous')).toEqual({ synchronous: 2 });
    await reopened.close();
  });

  it('hashes usernames no account has in an older database (0007)', async () => {
    await expectUnknownUsernamesHashedByMigration(database.db);
  });

  it('refuses 0007 without the server key when there is anything to hash', async () => {
    await expectMigrationWithoutKeyRefusesClearUsernames(database.db);
  });

  it('migrates once, then has nothing to do', async () => {
    await expectMigratesOnceThenNoop(database.db);
  });

  it('seeds the demo centres and accounts idempotently', async () => {
    await migrateToLatest(database.db);
    await expectDemoSeedIsIdempotent(database.db);
  });

  it('enforces roles, centres, lower-case usernames and foreign keys', async () => {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    await expectConstraintsHold(database.db);
  });

  it('refuses to add demo accounts to a database with real users', async () => {
    await migrateToLatest(database.db);
    await database.db
      .insertInto('users')
      .values({
        id: 'real-admin',
        centre_id: null,
        role: 'state_admin',
        display_name: 'राज्य प्रशासक',
        username: 'admin',
        password_hash: 'scrypt$2$1$1$x$y',
        created_at: new Date().toISOString(),
        disabled_at: null,
      })
      .execute();
    await expect(seedDemo(database.db)).rejects.toBeInstanceOf(DemoSeedRefusedError);
    const count = await database.db.selectFrom('users').select('id').execute();
    expect(count).toHaveLength(1);
  });

  it('names the migration that failed', async () => {
    const failing = {
      ...MIGRATIONS,
      '9999-broken': { up: () => Promise.reject(new Error('disk full')) },
    };
    const error = await migrateToLatest(database.db, failing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'migration_failed', migrationName: '9999-broken' });
    expect((error as Error).message).toContain('9999-broken');
    expect(await migrateToLatest(database.db)).toEqual([]);
  });
});
