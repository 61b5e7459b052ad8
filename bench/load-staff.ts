/**
 * The load bench's people: one centre in each of the first `districtCount` districts and
 * `staffCount` caseworkers spread over them, written straight into a running server's
 * database (after its start, so the demo seed has run), and the count of what arrived.
 * Every caseworker shares one password, hashed once with the server's real scrypt cost,
 * so each sign-in costs the server what a real one does.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { districts } from '../src/domain/districts.ts';
import type { Database } from '../server/db/schema.ts';
import type { SyncTables } from '../server/db/sync-schema.ts';
import { hashPassword } from '../server/services/passwords.ts';

export const LOAD_PASSWORD = 'load-bench-not-a-secret-2026';

export interface LoadStaff {
  readonly username: string;
  readonly districtCode: string;
}

export async function seedLoadStaff(
  db: Kysely<Database>,
  staffCount: number,
  districtCount: number,
): Promise<LoadStaff[]> {
  const createdAt = new Date().toISOString();
  const codes = districts.slice(0, districtCount).map((district) => district.code);
  await db
    .insertInto('centres')
    .values(
      codes.map((code) => ({
        id: randomUUID(),
        district_code: code,
        name_hi: `वन स्टॉप सेंटर (सखी), ${code} — लोड`,
        name_en: `One Stop Centre (Sakhi), ${code} — load`,
        phone: null,
        address: null,
        email: null,
        created_at: createdAt,
      })),
    )
    .onConflict((conflict) => conflict.column('district_code').doNothing())
    .execute();
  const centres = await db
    .selectFrom('centres')
    .select(['id', 'district_code'])
    .where('district_code', 'in', codes)
    .execute();
  const centreOf = new Map(centres.map((centre) => [centre.district_code, centre.id]));
  const passwordHash = await hashPassword(LOAD_PASSWORD);
  const staff = Array.from({ length: staffCount }, (_, i) => ({
    username: `load.cw${String(i).padStart(3, '0')}`,
    districtCode: codes[i % codes.length]!,
  }));
  await db
    .insertInto('users')
    .values(
      staff.map(({ username, districtCode }) => ({
        id: randomUUID(),
        centre_id: centreOf.get(districtCode)!,
        role: 'caseworker' as const,
        display_name: `लोड ${username}`,
        username,
        password_hash: passwordHash,
        created_at: createdAt,
        disabled_at: null,
      })),
    )
    .execute();
  return staff;
}

/** What the server holds of the bench's pushes: applied mutation ids, stored records. */
export async function countArrived(
  db: Kysely<Database & SyncTables>,
): Promise<{ mutations: number; records: number }> {
  const count = async (table: 'sync_mutations' | 'sync_records') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return { mutations: await count('sync_mutations'), records: await count('sync_records') };
}
