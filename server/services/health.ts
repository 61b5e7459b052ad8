/** Whether this server process can reach its database, for GET /api/health. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ServiceError } from './service-error.ts';

export async function assertDatabaseReachable(db: Kysely<Database>): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new ServiceError('database_unavailable', { cause: error });
  }
}
