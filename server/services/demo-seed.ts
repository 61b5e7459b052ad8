/**
 * DEMO ACCOUNTS — only for `npm start` (the `--demo` flag). Never in production.
 *
 * Every demo account shares one published password, so anyone who has read this file can
 * sign in as them. The seed therefore refuses to run on a database that already holds
 * real (non-demo) users, and main.ts warns loudly if demo accounts are found in a
 * production start.
 *
 * Idempotent: a second run adds nothing, and a concurrent run on PostgreSQL is safe
 * (inserts skip on the unique district code and username).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { centreRoles, roles, type Role } from '../../src/domain/vocabularies-staff.ts';
import type { Database } from '../db/schema.ts';
import { hashPassword } from './passwords.ts';

export const DEMO_PASSWORD = 'sakhi-demo-2026';

interface DemoCentre {
  districtCode: string;
  usernamePrefix: string;
  cityHi: string;
  nameHi: string;
  nameEn: string;
  phone: string;
  address: string;
}

const DEMO_CENTRES: readonly DemoCentre[] = [
  {
    districtCode: 'LKO',
    usernamePrefix: 'lko',
    cityHi: 'लखनऊ',
    nameHi: 'वन स्टॉप सेंटर (सखी), लखनऊ — डेमो',
    nameEn: 'One Stop Centre (Sakhi), Lucknow — demo',
    // STD code, then a local number no exchange gives out (it starts with 0).
    phone: '05220000000',
    // Printed on referral letters as the centre's address: shaped like a real one, marked demo.
    address:
      'ज़िला महिला चिकित्सालय परिसर, हज़रतगंज, लखनऊ 226001 (डेमो) | District Women Hospital campus, Hazratganj, Lucknow 226001 (demo)',
  },
  {
    districtCode: 'VNS',
    usernamePrefix: 'vns',
    cityHi: 'वाराणसी',
    nameHi: 'वन स्टॉप सेंटर (सखी), वाराणसी — डेमो',
    nameEn: 'One Stop Centre (Sakhi), Varanasi — demo',
    phone: '05420000000',
    address: 'डेमो पता, वाराणसी, उत्तर प्रदेश | Demo address, Varanasi, Uttar Pradesh',
  },
];

function roleNameHi(role: Role): string {
  return roles.find((term) => term.code === role)?.hi ?? role;
}

const HEADQUARTERS_ACCOUNTS: readonly { username: string; role: Role }[] = [
  { username: 'state.admin', role: 'state_admin' },
  { username: 'state.analyst', role: 'state_analyst' },
];

export interface DemoAccount {
  username: string;
  role: Role;
  /** Null for headquarters roles. */
  districtCode: string | null;
  displayName: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  ...DEMO_CENTRES.flatMap((centre) =>
    centreRoles.map((role) => ({
      username: `${centre.usernamePrefix}.${role}`,
      role,
      districtCode: centre.districtCode,
      displayName: `डेमो ${roleNameHi(role)}, ${centre.cityHi}`,
    })),
  ),
  ...HEADQUARTERS_ACCOUNTS.map(({ username, role }) => ({
    username,
    role,
    districtCode: null,
    displayName: `डेमो ${roleNameHi(role)}`,
  })),
];

export class DemoSeedRefusedError extends Error {
  readonly code = 'demo_refused_on_real_data';
  constructor(realUsers: number) {
    super(
      `refusing --demo: this database already has ${realUsers} real (non-demo) user(s), and demo ` +
        `accounts share a published password. Use an empty SAKHI_DATA_DIR or DATABASE_URL for the demo.`,
    );
    this.name = 'DemoSeedRefusedError';
  }
}

export interface DemoSeedResult {
  createdCentres: number;
  createdUsers: number;
}

export async function seedDemo(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<DemoSeedResult> {
  const demoUsernames = DEMO_ACCOUNTS.map((account) => account.username);
  const realUsers = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('username', 'not in', demoUsernames)
    .executeTakeFirstOrThrow();
  if (Number(realUsers.count) > 0) throw new DemoSeedRefusedError(Number(realUsers.count));

  const existing = await db.selectFrom('users').select('username').execute();
  const existingNames = new Set(existing.map((row) => row.username));
  const missing = DEMO_ACCOUNTS.filter((account) => !existingNames.has(account.username));
  // One hash for every account: scrypt is deliberately slow, the password is public
  // anyway, and a second start then costs nothing.
  const passwordHash = missing.length > 0 ? await hashPassword(DEMO_PASSWORD) : '';
  const createdAt = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const centreRows = await trx
      .insertInto('centres')
      .values(
        DEMO_CENTRES.map((centre) => ({
          id: randomUUID(),
          district_code: centre.districtCode,
          name_hi: centre.nameHi,
          name_en: centre.nameEn,
          phone: centre.phone,
          address: centre.address,
          email: null,
          created_at: createdAt,
        })),
      )
      .onConflict((conflict) => conflict.column('district_code').doNothing())
      .executeTakeFirst();
    const centres = await trx
      .selectFrom('centres')
      .select(['id', 'district_code'])
      .where(
        'district_code',
        'in',
        DEMO_CENTRES.map((centre) => centre.districtCode),
      )
      .execute();
    const centreIds = new Map(centres.map((centre) => [centre.district_code, centre.id]));

    let createdUsers = 0;
    if (missing.length > 0) {
      const userRows = await trx
        .insertInto('users')
        .values(
          missing.map((account) => ({
            id: randomUUID(),
            centre_id:
              account.districtCode === null ? null : (centreIds.get(account.districtCode) ?? null),
            role: account.role,
            display_name: account.displayName,
            username: account.username,
            password_hash: passwordHash,
            created_at: createdAt,
            disabled_at: null,
          })),
        )
        .onConflict((conflict) => conflict.column('username').doNothing())
        .executeTakeFirst();
      createdUsers = Number(userRows.numInsertedOrUpdatedRows ?? 0n);
    }
    return {
      createdCentres: Number(centreRows.numInsertedOrUpdatedRows ?? 0n),
      createdUsers,
    };
  });
}

/** Demo usernames present in the database: a production start warns when there are any. */
export async function findDemoAccounts(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      DEMO_ACCOUNTS.map((account) => account.username),
    )
    .execute();
  return rows.map((row) => row.username);
}
