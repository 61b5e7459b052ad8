/**
 * Report facts: what the headquarters and monthly indicators count, one row per case and
 * counted entry, kept beside sync_records (server/db/report-facts.ts).
 *
 * Frozen once merged, like every migration (see 0001). What must hold afterwards:
 * - Every case, service, stay, referral and follow-up stored before this migration has
 *   its fact: the records are read back page by page and their facts written here.
 * - (record_type, month) is indexed: every indicator filters one type over a span of months.
 * - Removed records have their own small index: reports leave out removed cases' entries.
 */
import { sql, type Kysely } from 'kysely';
import { readStoredFields } from '../sync-record-fields.ts';
import { storeReportFacts } from '../report-facts.ts';
import type { RecordType } from '../../../src/domain/protocol.ts';

const PAGE = 1000;
const COUNTED_TYPES = ['case', 'service', 'stay', 'referral', 'followUp'];

interface StoredRow {
  id: string;
  record_type: RecordType;
  case_id: string;
  centre_id: string;
  fields: string;
}

// A type alias, not an interface, so `withTables<Tables>()` accepts it.
type Tables = {
  sync_records: StoredRow;
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_facts')
    .addColumn('record_id', 'text', (col) => col.primaryKey())
    .addColumn('record_type', 'text', (col) => col.notNull())
    .addColumn('case_id', 'text', (col) => col.notNull())
    .addColumn('centre_id', 'text', (col) => col.notNull())
    .addColumn('deleted', 'integer', (col) => col.notNull())
    .addColumn('month', 'text')
    .addColumn('code', 'text')
    .addColumn('status', 'text')
    .addColumn('age_group', 'text')
    .addColumn('violence_types', 'text')
    .addColumn('closed_month', 'text')
    .addColumn('closure_reason', 'text')
    .addColumn('admitted_on', 'text')
    .addColumn('length_days', 'integer')
    .addColumn('due_on', 'text')
    .execute();
  await db.schema
    .createIndex('report_facts_type_month')
    .on('report_facts')
    .columns(['record_type', 'month'])
    .execute();
  // Removed cases are few; every report excludes their entries by this short list.
  await sql`create index report_facts_removed on report_facts (record_type, record_id)
    where deleted = 1`.execute(db);

  const records = db.withTables<Tables>();
  let after = '';
  for (;;) {
    const rows = await records
      .selectFrom('sync_records')
      .select(['id', 'record_type', 'case_id', 'centre_id', 'fields'])
      .where('record_type', 'in', COUNTED_TYPES as RecordType[])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    await storeReportFacts(
      db,
      rows.map((row) => ({
        id: row.id,
        head: { recordType: row.record_type, caseId: row.case_id, centreId: row.centre_id },
        fields: readStoredFields(row.fields),
      })),
    );
    after = rows[rows.length - 1]!.id;
  }
}
