/**
 * The pull's first read — the numbers and sizes of a page's records — from the index
 * alone.
 *
 * Frozen once merged, like every migration (see 0001). A pull reads each page twice
 * (server/services/sync-pull.ts): the sizes, to cut the page at about 1 MB without
 * loading it, then the page's rows. With `octet_length(fields)` in the centre's (centre,
 * number) index, SQLite answers the sizes from the index (a covering index on an
 * expression) instead of reading every row of the next thousand; the rows themselves are
 * then read once. The new index replaces the old one (same leading columns, so every
 * query that used it can use this), so a push still maintains the same number of
 * indexes. PostgreSQL may still read the table for the sizes (it rarely scans an
 * expression index without the table); the index serves its range scan as before.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('sync_records_centre_seq_size')
    .on('sync_records')
    .expression(sql`centre_id, seq, octet_length(fields)`)
    .execute();
  await db.schema.dropIndex('sync_records_centre_seq').execute();
}
