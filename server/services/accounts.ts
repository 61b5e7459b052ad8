/**
 * Centres and staff accounts: creating them (API and admin CLI), listing them, and
 * resetting passwords. Callers check permissions first (./permissions.ts); this file
 * checks only what the data itself requires.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_LOCK_IDLE_MINUTES } from '../../src/domain/lock-settings.ts';
import { isHeadquartersRole } from '../../src/domain/staff.ts';
import type { Role } from '../../src/domain/vocabularies-staff.ts';
import type { Centre, Database, User } from '../db/schema.ts';
import type { ServiceContext } from './context.ts';
import { refuseWeakPassword } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import type { RowFilter } from './row-filter.ts';
import { ServiceError } from './service-error.ts';
import { revokeSessionsWhere } from './sessions.ts';

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  centreId: string | null;
  password: string;
}

/**
 * Throws weak_password, invalid_role_for_centre, unknown_centre or username_taken. `onCreated` runs in
 * the inserting transaction (for the audit row); the slow hash is made before it opens.
 */
export async function createUser(
  ctx: ServiceContext,
  input: NewUserInput,
  onCreated: (trx: Kysely<Database>, user: User) => Promise<void> = () => Promise.resolve(),
): Promise<User> {
  refuseWeakPassword(input.password, input);
  if (isHeadquartersRole(input.role) !== (input.centreId === null)) {
    throw new ServiceError('invalid_role_for_centre');
  }
  if (input.centreId !== null && !(await findCentre(ctx.db, input.centreId))) {
    throw new ServiceError('unknown_centre');
  }
  const user: User = {
    id: randomUUID(),
    centre_id: input.centreId,
    role: input.role,
    display_name: input.displayName,
    username: input.username,
    password_hash: await hashPassword(input.password, ctx.passwordParams),
    created_at: ctx.now().toISOString(),
    disabled_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('users')
      .values(user)
      .onConflict((conflict) => conflict.column('username').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      throw new ServiceError('username_taken');
    }
    await onCreated(trx, user);
  });
  return user;
}

export function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, userId: string) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

/**
 * The account can no longer sign in, and every session of it ends now, so no tablet pushes
 * in its name again. Disabling twice keeps the first time. Nothing of what it wrote changes.
 */
export async function disableUser(db: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ disabled_at: now.toISOString() })
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .execute();
  await revokeSessionsWhere(db, 'user_id', userId, now, 'user_disabled');
}

export async function listUsers(db: Kysely<Database>, filter: RowFilter): Promise<User[]> {
  let select = db.selectFrom('users').selectAll().orderBy('username');
  if (filter.kind === 'centre') {
    select =
      filter.centreId === null
        ? select.where('centre_id', 'is', null)
        : select.where('centre_id', '=', filter.centreId);
  }
  return select.execute();
}

/** Users are asked for in slices, well under any engine's limit on bound values. */
const SIGN_IN_SLICE = 500;

/**
 * When each user last signed in with her password, from the audit log's successful
 * `auth.sign_in` rows (index audit_log_sign_ins, migration 0010). A user who never has
 * is absent. Unlocking a tablet with a PIN never reaches the server, so it is not counted.
 */
export async function readLastSignIns(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const lastSignIns = new Map<string, string>();
  for (let start = 0; start < userIds.length; start += SIGN_IN_SLICE) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['user_id', (eb) => eb.fn.max('at').as('last_at')])
      .where('user_id', 'in', userIds.slice(start, start + SIGN_IN_SLICE))
      // Written out, not bound: only then may SQLite use the partial index.
      .where(sql<boolean>`action = 'auth.sign_in' and outcome = 'success'`)
      .groupBy('user_id')
      .execute();
    for (const row of rows) {
      if (row.user_id !== null) lastSignIns.set(row.user_id, row.last_at);
    }
  }
  return lastSignIns;
}

/**
 * Sets a new password and ends every session of the user: a reset often follows a leak.
 * Throws weak_password. `onReset` runs in the updating transaction (for the audit row);
 * the slow hash is made before it opens.
 */
export async function resetPassword(
  ctx: ServiceContext,
  user: Pick<User, 'id' | 'username' | 'display_name'>,
  password: string,
  onReset: (trx: Kysely<Database>) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  refuseWeakPassword(password, { username: user.username, displayName: user.display_name });
  const passwordHash = await hashPassword(password, ctx.passwordParams);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', user.id)
      .execute();
    await revokeSessionsWhere(trx, 'user_id', user.id, ctx.now(), 'password_reset');
    await onReset(trx);
  });
}

export async function countActiveStateAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'state_admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface NewCentreInput {
  districtCode: string;
  nameHi: string;
  nameEn: string;
  phone: string | null;
  address: string | null;
  email: string | null;
}

/** Throws a RangeError naming the district when it already has a centre. */
export async function createCentre(ctx: ServiceContext, input: NewCentreInput): Promise<Centre> {
  const centre: Centre = {
    id: randomUUID(),
    district_code: input.districtCode,
    name_hi: input.nameHi,
    name_en: input.nameEn,
    phone: input.phone,
    address: input.address,
    email: input.email,
    created_at: ctx.now().toISOString(),
    lock_idle_minutes: DEFAULT_LOCK_IDLE_MINUTES,
  };
  const inserted = await ctx.db
    .insertInto('centres')
    .values(centre)
    .onConflict((conflict) => conflict.column('district_code').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    throw new RangeError(`district ${input.districtCode} already has a centre`);
  }
  return centre;
}

export function findCentre(db: Kysely<Database>, centreId: string) {
  return db.selectFrom('centres').selectAll().where('id', '=', centreId).executeTakeFirst();
}

export function findCentreByDistrict(db: Kysely<Database>, districtCode: string) {
  return db
    .selectFrom('centres')
    .selectAll()
    .where('district_code', '=', districtCode)
    .executeTakeFirst();
}

export async function listCentres(db: Kysely<Database>, filter: RowFilter): Promise<Centre[]> {
  let select = db.selectFrom('centres').selectAll().orderBy('district_code');
  if (filter.kind === 'centre') {
    if (filter.centreId === null) return [];
    select = select.where('id', '=', filter.centreId);
  }
  return select.execute();
}
