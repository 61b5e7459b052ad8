/**
 * Checks every database engine must pass the same way: migrations, the demo seed, and
 * the constraints later code relies on. server/db/migrate.test.ts runs them on SQLite,
 * server/db/migrate.pg.test.ts on PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { centreSchema } from '../../src/domain/centre.ts';
import { userSchema } from '../../src/domain/staff.ts';
import type { Database } from '../../server/db/schema.ts';
import { listMigrations, migrateToLatest } from '../../server/db/migrate.ts';
import { createServerSecrets } from '../../server/services/server-secrets.ts';
import { hashUsername } from '../../server/services/username-hash.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../server/services/demo-seed.ts';
import { verifyPassword } from '../../server/services/passwords.ts';

export const FOUNDATION_TABLES = [
  'centres',
  'users',
  'devices',
  'device_tag_counters',
  'sessions',
  'audit_log',
  'sign_in_throttles',
];
export const MIGRATION_NAMES = [
  '0001-foundation',
  '0002-accounts',
  '0003-sync',
  '0004-compact-records',
  '0005-change-log-id',
  '0006-device-keys',
  '0007-hashed-unknown-usernames',
  '0008-report-facts',
  '0010-report-and-sign-in-indexes',
  '0012-pull-size-index',
];

export async function expectMigratesOnceThenNoop(db: Kysely<Database>): Promise<void> {
  expect(await migrateToLatest(db)).toEqual(MIGRATION_NAMES);
  expect(await migrateToLatest(db)).toEqual([]);
  await expectFoundationTables(db);
}

export async function expectFoundationTables(db: Kysely<Database>): Promise<void> {
  const tables = (await db.introspection.getTables()).map((table) => table.name);
  expect(tables).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
}

export async function expectDemoSeedIsIdempotent(db: Kysely<Database>): Promise<void> {
  expect(await seedDemo(db)).toEqual({ createdCentres: 2, createdUsers: 12 });
  expect(await seedDemo(db)).toEqual({ createdCentres: 0, createdUsers: 0 });

  const centres = await db.selectFrom('centres').selectAll().orderBy('district_code').execute();
  expect(centres.map((centre) => centre.district_code)).toEqual(['LKO', 'VNS']);
  expect(centres[0]?.name_hi).toContain('लखनऊ');
  expect(centres[1]?.name_hi).toContain('वाराणसी');

  const users = await db
    .selectFrom('users')
    .leftJoin('centres', 'centres.id', 'users.centre_id')
    .select(['users.username', 'users.role', 'users.password_hash', 'centres.district_code'])
    .orderBy('users.username')
    .execute();
  expect(users).toHaveLength(DEMO_ACCOUNTS.length);
  expect(users.find((user) => user.username === 'lko.manager')).toMatchObject({
    role: 'manager',
    district_code: 'LKO',
  });
  expect(users.find((user) => user.username === 'vns.counsellor')).toMatchObject({
    role: 'counsellor',
    district_code: 'VNS',
  });
  expect(users.find((user) => user.username === 'state.admin')).toMatchObject({
    role: 'state_admin',
    district_code: null,
  });
  const manager = users.find((user) => user.username === 'lko.manager');
  expect(await verifyPassword(DEMO_PASSWORD, manager?.password_hash ?? '')).toBe(true);
  await expectRowsPassDomainSchemas(db);
}

/** What the server stores must be what the tablet accepts: the same domain rules. */
async function expectRowsPassDomainSchemas(db: Kysely<Database>): Promise<void> {
  for (const centre of await db.selectFrom('centres').selectAll().execute()) {
    const parsed = centreSchema.safeParse({
      id: centre.id,
      districtCode: centre.district_code,
      nameHi: centre.name_hi,
      nameEn: centre.name_en,
      phone: centre.phone,
      address: centre.address,
      email: centre.email,
    });
    expect(parsed.error, centre.district_code).toBeUndefined();
  }
  for (const user of await db.selectFrom('users').selectAll().execute()) {
    const parsed = userSchema.safeParse({
      id: user.id,
      centreId: user.centre_id,
      role: user.role,
      displayName: user.display_name,
      username: user.username,
    });
    expect(parsed.error, user.username).toBeUndefined();
  }
}

/** Constraints the server's scoping relies on; each insert must be refused by the engine. */
export async function expectConstraintsHold(db: Kysely<Database>): Promise<void> {
  const centre = await db
    .selectFrom('centres')
    .select('id')
    .where('district_code', '=', 'LKO')
    .executeTakeFirstOrThrow();
  const user = {
    id: 'u-constraint-test',
    centre_id: centre.id,
    role: 'counsellor' as const,
    display_name: 'परीक्षण',
    username: 'lko.constraint',
    password_hash: 'scrypt$2$1$1$x$y',
    created_at: new Date().toISOString(),
    disabled_at: null,
  };
  const refused = [
    { ...user, role: 'janitor' as never },
    { ...user, centre_id: null },
    { ...user, role: 'state_admin' as const },
    { ...user, username: 'LKO.Constraint' },
    { ...user, username: 'lko.manager' },
    { ...user, centre_id: 'no-such-centre' },
  ];
  for (const row of refused) {
    await expect(
      db.insertInto('users').values(row).execute(),
      JSON.stringify(row),
    ).rejects.toThrow();
  }
  await db.insertInto('users').values(user).execute();

  const device = {
    id: 'd-1',
    user_id: user.id,
    tag: 'K7',
    registered_at: user.created_at,
    last_seen_at: user.created_at,
  };
  await expect(
    db
      .insertInto('devices')
      .values({ ...device, user_id: 'no-such-user' })
      .execute(),
  ).rejects.toThrow();
  await db.insertInto('devices').values(device).execute();
  const stored = await db
    .selectFrom('devices')
    .selectAll()
    .where('id', '=', 'd-1')
    .executeTakeFirst();
  expect(stored).toEqual({
    ...device,
    revoked_at: null,
    centre_id: null,
    tag_scope: null,
    name: null,
    revoked_by: null,
    public_key_jwk: null,
    wrapped_data_key: null,
  });
  // Case numbers rest on a tag being unique in its district.
  const tagged = { ...device, tag_scope: 'LKO' };
  await db
    .insertInto('devices')
    .values({ ...tagged, id: 'd-2' })
    .execute();
  await expect(
    db
      .insertInto('devices')
      .values({ ...tagged, id: 'd-3' })
      .execute(),
  ).rejects.toThrow();
  await db
    .insertInto('devices')
    .values({ ...tagged, id: 'd-4', tag_scope: 'VNS' })
    .execute();
}

/**
 * Migration 0007 on a database 0006 left: unknown usernames in sign-in rows and
 * throttle keys become their keyed hash (as sign-in now writes them); an account's
 * username, other rows and the log's append-only guard stay as they were.
 */
export async function expectUnknownUsernamesHashedByMigration(db: Kysely<Database>): Promise<void> {
  const key = createServerSecrets().usernameKey;
  const upTo0006 = Object.fromEntries(
    Object.entries(listMigrations(key)).filter(([name]) => name < '0007'),
  );
  await migrateToLatest(db, upTo0006);
  const at = '2026-03-08T09:30:00.000Z';
  await db
    .insertInto('users')
    .values({
      id: 'u-state-admin',
      centre_id: null,
      role: 'state_admin',
      display_name: 'राज्य प्रशासक',
      username: 'state.admin',
      password_hash: 'scrypt$2$1$1$x$y',
      created_at: at,
      disabled_at: null,
    })
    .execute();
  const row = (details: Record<string, unknown>, action = 'auth.sign_in') => ({
    at,
    user_id: null,
    device_id: 'tab-old',
    action,
    resource_type: null,
    resource_id: null,
    centre_id: null,
    ip: '203.0.113.5',
    outcome: 'failure' as const,
    details: JSON.stringify(details),
  });
  await db
    .insertInto('audit_log')
    .values([
      row({ username: 'hunter2-typed-here', reason: 'unknown_user' }),
      row({ username: 'hunter2-typed-here', reason: 'too_many_attempts' }),
      row({ username: 'state.admin', reason: 'too_many_attempts' }),
      row({ username: 'not-a-sign-in' }, 'user.create'),
    ])
    .execute();
  await db
    .insertInto('sign_in_throttles')
    .values([
      { key: 'account:hunter2-typed-here', window_started_at: at, failures: 4 },
      { key: 'address:203.0.113.5', window_started_at: at, failures: 7 },
    ])
    .execute();

  expect(await migrateToLatest(db, listMigrations(key))).toContain('0007-hashed-unknown-usernames');
  const hashed = hashUsername(key, 'hunter2-typed-here');
  const rows = await db.selectFrom('audit_log').select('details').orderBy('id').execute();
  expect(rows.map((each) => JSON.parse(each.details) as unknown)).toEqual([
    { usernameHash: hashed, reason: 'unknown_user' },
    { usernameHash: hashed, reason: 'too_many_attempts' },
    { username: 'state.admin', reason: 'too_many_attempts' },
    { username: 'not-a-sign-in' },
  ]);
  const counts = await db.selectFrom('sign_in_throttles').selectAll().orderBy('key').execute();
  expect(counts).toEqual([
    { key: `account:${hashed}`, window_started_at: at, failures: 4 },
    { key: 'address:203.0.113.5', window_started_at: at, failures: 7 },
  ]);
  await expect(db.updateTable('audit_log').set({ details: '{}' }).execute()).rejects.toThrow(
    /append-only/,
  );
  await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
}

/** Without the server's key, 0007 refuses a database that holds usernames in clear. */
export async function expectMigrationWithoutKeyRefusesClearUsernames(
  db: Kysely<Database>,
): Promise<void> {
  const upTo0006 = Object.fromEntries(
    Object.entries(listMigrations(null)).filter(([name]) => name < '0007'),
  );
  await migrateToLatest(db, upTo0006);
  await db
    .insertInto('sign_in_throttles')
    .values({ key: 'account:typed', window_started_at: new Date().toISOString(), failures: 1 })
    .execute();
  await expect(migrateToLatest(db, listMigrations(null))).rejects.toThrow(
    /0007-hashed-unknown-usernames/,
  );
}
