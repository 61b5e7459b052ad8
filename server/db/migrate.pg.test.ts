// The PostgreSQL half of the engine checks (migrate.test.ts runs the same on SQLite),
// plus what only PostgreSQL has: several server processes migrating one database at once.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  expectConstraintsHold,
  expectDemoSeedIsIdempotent,
  expectFoundationTables,
  expectMigratesOnceThenNoop,
  expectMigrationWithoutKeyRefusesClearUsernames,
  expectUnknownUsernamesHashedByMigration,
  MIGRATION_NAMES,
} from '../../tests/support/database-checks.ts';
import { createTestDatabase, dropTestDatabase } from '../../tests/support/postgres.ts';
import { seedDemo } from '../services/demo-seed.ts';
import { openDatabase, type OpenDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

describe('PostgreSQL database', () => {
  const baseUrl = inject('databaseUrl');
  const created: string[] = [];
  let url: string;
  let database: OpenDatabase;

  beforeEach(async () => {
    url = await createTestDatabase(baseUrl);
    created.push(url);
    database = openDatabase({ dialect: 'postgres', url });
  });

  afterEach(async () => {
    await database.close();
  });

  afterAll(async () => {
    for (const each of created) await dropTestDatabase(baseUrl, each);
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

  it('lets two servers migrate the same database at once: both succeed, each migration runs once', async () => {
    const other = openDatabase({ dialect: 'postgres', url });
    try {
      const [first, second] = await Promise.all([
        migrateToLatest(database.db),
        migrateToLatest(other.db),
      ]);
      // Exactly one of them applied the migration; the other found it done.
      expect([...first, ...second]).toEqual(MIGRATION_NAMES);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(
        database.db,
      );
      expect(applied.rows.map((row) => row.name).sort()).toEqual(MIGRATION_NAMES);
      await expectFoundationTables(other.db);
    } finally {
      await other.close();
    }
  });

  it('seeds the demo centres and accounts idempotently, and reads them back', async () => {
    await migrateToLatest(database.db);
    await expectDemoSeedIsIdempotent(database.db);
  });

  it('keeps demo seeding safe when two servers start at once', async () => {
    await migrateToLatest(database.db);
    const other = openDatabase({ dialect: 'postgres', url });
    try {
      const results = await Promise.all([seedDemo(database.db), seedDemo(other.db)]);
      expect(results.reduce((sum, result) => sum + result.createdUsers, 0)).toBe(12);
      expect(results.reduce((sum, result) => sum + result.createdCentres, 0)).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('enforces roles, centres, lower-case usernames and foreign keys', async () => {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    await expectConstraintsHold(database.db);
  });

  it('reads COUNT(*) as a number, as SQLite does', async () => {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    const row = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(row.count).toBe(12);
  });

  it('stores Hindi text exactly', async () => {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    const centre = await database.db
      .selectFrom('centres')
      .select('name_hi')
      .where('district_code', '=', 'VNS')
      .executeTakeFirstOrThrow();
    expect(centre.name_hi).toBe('वन स्टॉप सेंटर (सखी), वाराणसी — डेमो');
  });
});

describe('PostgreSQL test harness', () => {
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase(inject('databaseUrl'));
  });

  it('gives each caller its own empty database', async () => {
    const database = openDatabase({ dialect: 'postgres', url });
    try {
      const tables = await database.db.introspection.getTables();
      expect(tables).toEqual([]);
      expect(new URL(url).pathname).toMatch(/^\/sakhi_t_/);
    } finally {
      await database.close();
      await dropTestDatabase(inject('databaseUrl'), url);
    }
  });
});
