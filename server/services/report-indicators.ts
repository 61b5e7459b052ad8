/**
 * GET /api/reports/indicators: the indicators of src/domain/report-indicators.ts, counted
 * in SQL over the report facts (server/db/report-facts.ts) on either engine.
 *
 * What must always hold:
 * - Only counts leave: every query groups and counts; no row of a case is ever read here.
 * - Months are India months (the facts hold them so); the period's bounds are checked
 *   before any query, and a bad one is refused with a message a person can act on.
 * - A state role reads the state or one district; a manager reads only her own centre
 *   (a `district` other than her centre's is refused); every other role is refused.
 * - A removed record, and every entry of a removed case, counts nowhere: each query joins
 *   the entry's case fact and keeps only cases not removed.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { closureReasons, violenceTypes } from '../../src/domain/vocabularies-case.ts';
import {
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from '../../src/domain/vocabularies-entries.ts';
import { districts } from '../../src/domain/districts.ts';
import { addDays, indiaDateOf } from '../../src/domain/india-time.ts';
import {
  NONE_RECORDED,
  STAY_LIMIT_DAYS,
  ageGroups,
  arrivalRouteGroups,
  reportMonthSchema,
  type IndicatorAnswer,
  type IndicatorReport,
  type ReportPeriod,
} from '../../src/domain/report-indicators.ts';
import type { Database } from '../db/schema.ts';
import type { ServiceContext } from './context.ts';
import { isHeadquarters, reportsScope, type Actor } from './permissions.ts';
import { ServiceError } from './service-error.ts';

/** Which centres a report covers: all, those of one district, or one. */
export type ReportScope =
  | { readonly kind: 'state' }
  | { readonly kind: 'district'; readonly districtCode: string }
  | { readonly kind: 'centre'; readonly centreId: string; readonly districtCode: string };

/** A period no longer than this many months: ten years is more than any form asks. */
const MAX_MONTHS = 120;

export interface IndicatorQuery {
  readonly from?: string;
  readonly to?: string;
  readonly district?: string;
}

export async function readIndicatorsFor(
  ctx: ServiceContext,
  actor: Actor,
  query: IndicatorQuery,
): Promise<IndicatorAnswer> {
  const period = parsePeriod(query);
  const scope = await resolveScope(ctx.db, actor, query.district);
  const report = await countIndicators(ctx.db, scope, period, ctx.now());
  return {
    scope: {
      kind: scope.kind,
      districtCode: scope.kind === 'state' ? null : scope.districtCode,
    },
    report,
    districtsWithoutData: Object.entries(report.byDistrict)
      .filter(([code, count]) => count === 0 && isInScopeDistrict(scope, code))
      .map(([code]) => code),
  };
}

function isInScopeDistrict(scope: ReportScope, code: string): boolean {
  return scope.kind === 'state' || scope.districtCode === code;
}

const badPeriod = (hi: string, en: string) =>
  new ServiceError('invalid_request', { message: { hi, en } });

export function parsePeriod({ from, to }: IndicatorQuery): ReportPeriod {
  if (!reportMonthSchema.safeParse(from).success || !reportMonthSchema.safeParse(to).success) {
    throw badPeriod(
      'अवधि सही नहीं है: शुरू और अंत का महीना वर्ष-महीना के रूप में दें, जैसे 2020-01 से 2020-12।',
      'The period is not valid: give the first and last month as year-month, e.g. from=2020-01&to=2020-12.',
    );
  }
  const period = { from: from!, to: to! };
  if (period.from > period.to) {
    throw badPeriod(
      'अवधि सही नहीं है: शुरू का महीना अंत के महीने के बाद है।',
      'The period is not valid: the first month comes after the last.',
    );
  }
  if (monthsOf(period).length > MAX_MONTHS) {
    throw badPeriod(
      `अवधि बहुत लंबी है: एक बार में अधिकतम ${MAX_MONTHS} महीने चुनें।`,
      `The period is too long: choose at most ${MAX_MONTHS} months at a time.`,
    );
  }
  return period;
}

async function resolveScope(
  db: Kysely<Database>,
  actor: Actor,
  district: string | undefined,
): Promise<ReportScope> {
  const scope = reportsScope(actor);
  if (scope.kind === 'none') throw new ServiceError('forbidden');
  if (isHeadquarters(actor)) {
    if (district === undefined) return { kind: 'state' };
    if (!districts.some((known) => known.code === district)) {
      throw badPeriod(
        'यह ज़िला उत्तर प्रदेश के ज़िलों की सूची में नहीं है।',
        `There is no district with the code "${district}" in Uttar Pradesh.`,
      );
    }
    return { kind: 'district', districtCode: district };
  }
  if (scope.kind !== 'centre') throw new ServiceError('forbidden');
  const centre = await db
    .selectFrom('centres')
    .select('district_code')
    .where('id', '=', scope.centreId)
    .executeTakeFirstOrThrow();
  if (district !== undefined && district !== centre.district_code) {
    throw new ServiceError('forbidden', {
      message: {
        hi: 'केंद्र प्रबंधक केवल अपने केंद्र के आँकड़े देख सकती हैं।',
        en: 'A centre manager sees only her own centre’s figures.',
      },
    });
  }
  return { kind: 'centre', centreId: scope.centreId, districtCode: centre.district_code };
}

/** Every month of the period, in order. */
export function monthsOf({ from, to }: ReportPeriod): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let current = from; current <= to;) {
    months.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    current = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

type Counts = Record<string, number>;

function zeros(codes: readonly { readonly code: string }[], extra: string[] = []): Counts {
  return Object.fromEntries([...codes.map((term) => term.code), ...extra].map((c) => [c, 0]));
}

/** The indicators over one scope and period (see the domain's definitions), as of `now`. */
export async function countIndicators(
  db: Kysely<Database>,
  scope: ReportScope,
  period: ReportPeriod,
  now: Date,
): Promise<IndicatorReport> {
  const facts = new FactQueries(db, scope, period);
  const months = monthsOf(period);
  const today = indiaDateOf(now);
  const firstDay = `${period.from}-01`;
  const dayAfter = `${nextMonth(period.to)}-01`;

  const centres = await db.selectFrom('centres').select(['id', 'district_code']).execute();
  const districtOf = new Map(centres.map((centre) => [centre.id, centre.district_code]));
  const [cases, violence, services, stays, referrals, followUpsDone, overdue, closed] =
    await Promise.all([
      facts.grouped('case', 'f.month, f.code, f.age_group, f.centre_id', 'f.month'),
      facts.violence(),
      facts.grouped('service', 'f.month, f.code', 'f.month'),
      facts.stays(addDays(today, -STAY_LIMIT_DAYS)),
      facts.grouped('referral', 'f.code, f.status', 'f.month'),
      facts.countDone(),
      facts.overdueFollowUps(firstDay, dayAfter, today),
      facts.grouped(
        'case',
        "f.closed_month, coalesce(f.closure_reason, 'none')",
        'f.closed_month',
        sql`and f.status = 'closed'`,
      ),
    ]);

  const byArrivalRoute = zeros(arrivalRouteGroups);
  const byAgeGroup = zeros(ageGroups);
  const byDistrict = zeros(districts);
  const monthly = new Map(
    months.map((month) => [month, { month, casesRegistered: 0, servicesGiven: 0, casesClosed: 0 }]),
  );
  let casesRegistered = 0;
  for (const {
    keys: [month, route, ageGroup, centreId],
    count,
  } of cases) {
    casesRegistered += count;
    add(byArrivalRoute, route, count);
    add(byAgeGroup, ageGroup, count);
    add(byDistrict, districtOf.get(centreId!) ?? null, count);
    monthly.get(month!)!.casesRegistered += count;
  }
  const servicesByKind = zeros(serviceKinds);
  for (const {
    keys: [month, kind],
    count,
  } of services) {
    add(servicesByKind, kind, count);
    monthly.get(month!)!.servicesGiven += count;
  }
  const byAgency = zeros(referralAgencies);
  const byStatus = zeros(referralStatuses);
  for (const {
    keys: [agency, status],
    count,
  } of referrals) {
    add(byAgency, agency, count);
    add(byStatus, status, count);
  }
  const closedByReason = zeros(closureReasons, [NONE_RECORDED]);
  for (const {
    keys: [month, reason],
    count,
  } of closed) {
    add(closedByReason, reason === 'none' ? NONE_RECORDED : reason, count);
    monthly.get(month!)!.casesClosed += count;
  }
  return {
    period,
    asOf: now.toISOString(),
    casesRegistered,
    byViolenceType: violence,
    byAgeGroup,
    minors: byAgeGroup.under_18 ?? 0,
    byArrivalRoute,
    byDistrict,
    servicesByKind,
    stays: {
      admissions: stays.admissions,
      averageLengthDays:
        stays.discharged === 0 ? null : Math.round((stays.totalDays / stays.discharged) * 10) / 10,
      overFiveDays: stays.overLimit,
    },
    referrals: { byAgency, byStatus },
    followUps: { done: followUpsDone, overdue },
    closedByReason,
    monthly: [...monthly.values()],
  };
}

function add(counts: Counts, code: string | null | undefined, count: number): void {
  const key = code ?? NONE_RECORDED;
  counts[key] = (counts[key] ?? 0) + count;
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** One group: its keys in the order asked, and how many facts it holds. */
interface Row {
  readonly keys: readonly (string | null)[];
  readonly count: number;
}

/** The report's SQL: every query counts one record type's facts in the scope. */
class FactQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: ReportScope,
    private readonly period: ReportPeriod,
  ) {}

  /**
   * Facts of one type in scope, not removed and of a case not removed. Removed cases are
   * few: excluding them by a small list is far cheaper than joining every entry's case.
   */
  private from(recordType: string): RawBuilder<unknown> {
    const inScope =
      this.scope.kind === 'state'
        ? sql``
        : this.scope.kind === 'district'
          ? sql`and f.centre_id in (select id from centres where district_code = ${this.scope.districtCode})`
          : sql`and f.centre_id = ${this.scope.centreId}`;
    return sql`from report_facts f
      where f.record_type = ${recordType} and f.deleted = 0
      and f.case_id not in (select record_id from report_facts where deleted = 1 and record_type = 'case')
      ${inScope}`;
  }

  private inPeriod(column: string): RawBuilder<unknown> {
    return sql`and ${sql.raw(column)} between ${this.period.from} and ${this.period.to}`;
  }

  /** Counts grouped by `groups` (a fixed SQL list), of facts whose `monthColumn` is in the period. */
  async grouped(
    recordType: string,
    groups: string,
    monthColumn: string,
    extra: RawBuilder<unknown> = sql``,
  ): Promise<Row[]> {
    const { rows } = await sql<Record<string, string | number | null>>`
      select ${sql.raw(groups)}, count(*) as n ${this.from(recordType)}
      ${this.inPeriod(monthColumn)} ${extra}
      group by ${sql.raw(groups)}`.execute(this.db);
    return rows.map((row) => {
      const values = Object.values(row);
      const count = Number(values.pop());
      return { keys: values.map((value) => (value === null ? null : String(value))), count };
    });
  }

  async violence(): Promise<Counts> {
    const sums = violenceTypes.map(
      ({ code }, i) =>
        sql`sum(case when f.violence_types like ${`%,${code.replaceAll('_', '\\_')},%`} escape '\\' then 1 else 0 end) as ${sql.ref(`v${i}`)}`,
    );
    const { rows } = await sql<Record<string, string | number | null>>`
      select ${sql.join(sums)}, sum(case when f.violence_types is null then 1 else 0 end) as none_named
      ${this.from('case')} ${this.inPeriod('f.month')}`.execute(this.db);
    const values = Object.values(rows[0] ?? {}).map((value) => Number(value ?? 0));
    const counts = zeros(violenceTypes, [NONE_RECORDED]);
    violenceTypes.forEach(({ code }, i) => (counts[code] = values[i] ?? 0));
    counts[NONE_RECORDED] = values[violenceTypes.length] ?? 0;
    return counts;
  }

  /** `openBefore`: a stay still open that began before this India date has lasted over the limit. */
  async stays(openBefore: string) {
    const { rows } = await sql<Record<string, string | number | null>>`
      select count(*) as admissions, count(f.length_days) as discharged,
        coalesce(sum(f.length_days), 0) as total_days,
        sum(case when f.length_days > ${STAY_LIMIT_DAYS}
          or (f.length_days is null and f.admitted_on < ${openBefore}) then 1 else 0 end) as over_limit
      ${this.from('stay')} ${this.inPeriod('f.month')}`.execute(this.db);
    const row = rows[0] ?? {};
    return {
      admissions: Number(row.admissions ?? 0),
      discharged: Number(row.discharged ?? 0),
      totalDays: Number(row.total_days ?? 0),
      overLimit: Number(row.over_limit ?? 0),
    };
  }

  async countDone(): Promise<number> {
    const { rows } = await sql<{ n: string | number }>`
      select count(*) as n ${this.from('followUp')} ${this.inPeriod('f.month')}`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  async overdueFollowUps(firstDay: string, dayAfter: string, today: string): Promise<number> {
    const { rows } = await sql<{ n: string | number }>`
      select count(*) as n ${this.from('followUp')}
      and f.month is null and f.due_on >= ${firstDay} and f.due_on < ${dayAfter}
      and f.due_on < ${today}`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }
}
