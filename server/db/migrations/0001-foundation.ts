/**
 * Centres, users and devices: who may sign in, from which tablet, for which centre.
 *
 * A migration is frozen once merged: it lists its own values (roles below) instead of
 * importing them, so a later change to the code cannot change what an old migration
 * did. Migrations only go forward; a fix is a new migration. Types stay to those both
 * engines read the same way (TEXT, INTEGER); see ../schema.ts for instants and booleans.
 */
import { sql, type Kysely } from 'kysely';

const HEADQUARTERS_ROLES = ['state_admin', 'state_analyst'];
const ALL_ROLES = [
  'manager',
  'counsellor',
  'nurse',
  'operator',
  'caseworker',
  ...HEADQUARTERS_ROLES,
];

function listOf(values: readonly string[]) {
  return sql.join(values.map((value) => sql.lit(value)));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('centres')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('district_code', 'text', (col) => col.notNull().unique())
    .addColumn('name_hi', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addCheckConstraint('centres_district_code_upper', sql`district_code = upper(district_code)`)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('centre_id', 'text', (col) => col.references('centres.id'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('disabled_at', 'text')
    .addCheckConstraint('users_role_known', sql`role in (${listOf(ALL_ROLES)})`)
    // Centre staff belong to exactly one centre; headquarters roles to none. Scoping every
    // request by centre later relies on this.
    .addCheckConstraint(
      'users_centre_matches_role',
      sql`(centre_id is null) = (role in (${listOf(HEADQUARTERS_ROLES)}))`,
    )
    // Sign-in looks usernames up as typed in lower case; one spelling per person.
    .addCheckConstraint('users_username_lower', sql`username = lower(username)`)
    .execute();
  await db.schema.createIndex('users_centre_id').on('users').column('centre_id').execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    // Unique within the district (src/domain/staff.ts); the registration code that hands
    // tags out enforces it, since the district is two joins away from this row.
    .addColumn('tag', 'text', (col) => col.notNull())
    .addColumn('registered_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('devices_user_id').on('devices').column('user_id').execute();
}
