/**
 * Indexes for the state dashboard's counts and the staff list's last sign-in.
 *
 * Frozen once merged, like every migration (see 0001). What must hold afterwards:
 * - Every report query over report_facts (server/services/report-indicators.ts) reads one
 *   index range and nothing else: `report_facts_by_month` holds, after the type and month
 *   it is searched by, every column those queries filter, group or sum, and
 *   `report_facts_by_closed_month` does the same for closures. On SQLite, fetching each
 *   fact's row from the table behind (11 MB for a seeded year, read page by page) was most
 *   of the dashboard's time. They replace 0008's (record_type, month) index, which the
 *   first one starts with, so a push still updates as many indexes as before.
 * - A user's last sign-in is one index seek (`audit_log_sign_ins`): the successful
 *   `auth.sign_in` rows of the audit log, by user and time. The log grows with every read
 *   and write; without it, listing staff would read all of it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index report_facts_by_month on report_facts (record_type, month, deleted,
    centre_id, case_id, code, status, age_group, length_days, admitted_on, due_on,
    violence_types)`.execute(db);
  await sql`create index report_facts_by_closed_month on report_facts (record_type,
    closed_month, status, deleted, centre_id, case_id, closure_reason)
    where closed_month is not null`.execute(db);
  await sql`drop index report_facts_type_month`.execute(db);
  await sql`create index audit_log_sign_ins on audit_log (user_id, at)
    where action = 'auth.sign_in' and outcome = 'success'`.execute(db);
}
