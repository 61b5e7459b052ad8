/**
 * Counts per centre, with no person in them: what headquarters and a centre's manager
 * may see. Today only accounts, tablets and sign-ins are counted; case counts wait on the
 * case indicators and are reported as absent, never as zero.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { listCentres } from './accounts.ts';
import type { ServiceContext } from './context.ts';
import { canReadReports, reportsScope, type Actor } from './permissions.ts';
import { resolveListFilter, type RowFilter } from './row-filter.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CentreSummary {
  centreId: string;
  districtCode: string;
  nameHi: string;
  nameEn: string;
  activeStaff: number;
  activeDevices: number;
  signInsLast30Days: number;
}

/** GET /api/reports/summary's answer; `requestedCentreId` as the management listings take it. */
export async function summarizeCentresFor(
  ctx: ServiceContext,
  actor: Actor,
  requestedCentreId: string | undefined,
) {
  const filter = resolveListFilter(
    reportsScope(actor),
    requestedCentreId,
    (id) => id !== null && canReadReports(actor, id),
  );
  const now = ctx.now();
  return {
    serverTime: now.toISOString(),
    centres: await summarizeCentres(ctx.db, filter, now),
    cases: null,
  };
}

export async function summarizeCentres(
  db: Kysely<Database>,
  filter: RowFilter,
  now: Date,
): Promise<CentreSummary[]> {
  const centres = await listCentres(db, filter);
  if (centres.length === 0) return [];
  const ids = centres.map((centre) => centre.id);
  const staff = await db
    .selectFrom('users')
    .select(['centre_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('centre_id', 'in', ids)
    .where('disabled_at', 'is', null)
    .groupBy('centre_id')
    .execute();
  const devices = await db
    .selectFrom('devices')
    .select(['centre_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('centre_id', 'in', ids)
    .where('revoked_at', 'is', null)
    .groupBy('centre_id')
    .execute();
  const signIns = await db
    .selectFrom('audit_log')
    .select(['centre_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('centre_id', 'in', ids)
    .where('action', '=', 'auth.sign_in')
    .where('outcome', '=', 'success')
    .where('at', '>=', new Date(now.getTime() - 30 * DAY_MS).toISOString())
    .groupBy('centre_id')
    .execute();
  const countOf = (rows: { centre_id: string | null; count: number }[], id: string) =>
    Number(rows.find((row) => row.centre_id === id)?.count ?? 0);
  return centres.map((centre) => ({
    centreId: centre.id,
    districtCode: centre.district_code,
    nameHi: centre.name_hi,
    nameEn: centre.name_en,
    activeStaff: countOf(staff, centre.id),
    activeDevices: countOf(devices, centre.id),
    signInsLast30Days: countOf(signIns, centre.id),
  }));
}
