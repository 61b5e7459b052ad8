/**
 * What a centre's tablet keeps of its centre beyond its names (`centreDetails` in
 * src/domain/auth-protocol.ts): the address and phone its letters print, and the staff
 * whose accounts are not disabled — id, display name and role, nothing more, since the
 * list sits on every tablet of the centre.
 */
import type { Kysely } from 'kysely';
import type { CentreDetails } from '../../src/domain/auth-protocol.ts';
import type { Centre, Database } from '../db/schema.ts';

export async function readCentreDetails(
  db: Kysely<Database>,
  centre: Pick<Centre, 'id' | 'address' | 'phone'>,
): Promise<CentreDetails> {
  const staff = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('centre_id', '=', centre.id)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return {
    address: centre.address,
    phone: centre.phone,
    staff: staff.map((user) => ({ id: user.id, displayName: user.display_name, role: user.role })),
  };
}
