/**
 * Every indicator of one period, counted in plain SQL over the stored sync records
 * themselves: the record JSON in `sync_records.fields`, the `centres` table, and nothing
 * of the code under test (no report facts, no domain function). A test compares the
 * route's answer with this whole; agreement means two independent countings agree.
 *
 * What must stay true: each rule here is read from the definitions in
 * src/domain/report-indicators.ts and written again in SQL — India months and dates by
 * adding 5 h 30 min, arrival routes and age groups as CASE expressions, a removed record
 * and every entry of a removed case left out. Nothing is imported from the server's
 * counting, so a mistake there cannot be copied here.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { districts } from '../../src/domain/districts.ts';
import { closureReasons, violenceTypes } from '../../src/domain/vocabularies-case.ts';
import {
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from '../../src/domain/vocabularies-entries.ts';
import type { IndicatorReport, ReportPeriod } from '../../src/domain/report-indicators.ts';
import type { Database } from '../../server/db/schema.ts';

type Engine = 'sqlite' | 'postgres';
type Counts = Record<string, number>;

const AGE_GROUPS = ['under_18', '18_to_29', '30_to_44', '45_to_59', '60_and_over', 'unknown'];
const ROUTE_GROUPS = ['helpline_181', 'police', 'self', 'hospital', 'other'];

/** The SQL pieces that differ between the engines, over a record aliased `r`. */
class Dialect {
  constructor(private readonly engine: Engine) {}

  /** A stored field's value as text (booleans as 0/1 on SQLite, true/false on PostgreSQL). */
  field(name: string, alias = 'r'): RawBuilder<unknown> {
    return this.engine === 'sqlite'
      ? sql`json_extract(${sql.raw(alias)}.fields, ${`$.values.${name}`})`
      : sql`(${sql.raw(alias)}.fields::json -> 'values' ->> ${name})`;
  }

  notDeleted(alias: string): RawBuilder<unknown> {
    return this.engine === 'sqlite'
      ? sql`json_extract(${sql.raw(alias)}.fields, '$.values.deleted') = 0`
      : sql`(${sql.raw(alias)}.fields::json -> 'values' ->> 'deleted') = 'false'`;
  }

  /** The India date (YYYY-MM-DD) of an instant field. */
  indiaDate(name: string): RawBuilder<unknown> {
    return this.engine === 'sqlite'
      ? sql`date(${this.field(name)}, '+330 minutes')`
      : sql`to_char((${this.field(name)})::timestamptz at time zone 'Asia/Kolkata', 'YYYY-MM-DD')`;
  }

  indiaMonth(name: string): RawBuilder<unknown> {
    return sql`substr(${this.indiaDate(name)}, 1, 7)`;
  }

  /** Whole days from one YYYY-MM-DD text to another. */
  daysBetween(from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<unknown> {
    return this.engine === 'sqlite'
      ? sql`cast(julianday(${to}) - julianday(${from}) as integer)`
      : sql`((${to})::date - (${from})::date)`;
  }

  /** Completed years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
  yearsBetween(birth: RawBuilder<unknown>, day: RawBuilder<unknown>): RawBuilder<unknown> {
    return this.engine === 'sqlite'
      ? sql`(cast(substr(${day}, 1, 4) as integer) - cast(substr(${birth}, 1, 4) as integer)
          - (substr(${day}, 6, 5) < substr(${birth}, 6, 5)))`
      : sql`date_part('year', age((${day})::date, (${birth})::date))::integer`;
  }

  /** Rows `(r, value)`: one per code in a case's violenceTypes list (SQLite: one null row for none). */
  violenceCodes(): RawBuilder<unknown> {
    return this.engine === 'sqlite'
      ? sql`sync_records r, json_each(r.fields, '$.values.violenceTypes') v`
      : sql`sync_records r cross join lateral json_array_elements_text(
          case when json_typeof(r.fields::json -> 'values' -> 'violenceTypes') = 'array'
          then r.fields::json -> 'values' -> 'violenceTypes' else '[]'::json end) v(value)`;
  }
}

/** Every indicator of `period` over all centres, as of `asOf`, counted as described above. */
export async function countReportInPlainSql(
  db: Kysely<Database>,
  engine: Engine,
  period: ReportPeriod,
  asOf: Date,
): Promise<IndicatorReport> {
  const d = new Dialect(engine);
  const today = new Date(asOf.getTime() + 330 * 60_000).toISOString().slice(0, 10);
  const inPeriod = (name: string) =>
    sql`${d.indiaMonth(name)} between ${period.from} and ${period.to}`;
  /** Live records of one type whose case is live too, with `where` added. */
  const count = async (
    recordType: string,
    groupBy: RawBuilder<unknown>,
    where: RawBuilder<unknown>,
    from: RawBuilder<unknown> = sql`sync_records r`,
  ): Promise<Counts> => {
    const { rows } = await sql<{ code: string | number | null; n: number | string }>`
      select ${groupBy} as code, count(*) as n
      from ${from}
      join sync_records c on c.id = r.case_id and c.record_type = 'case' and ${d.notDeleted('c')}
      join centres ce on ce.id = r.centre_id
      where r.record_type = ${recordType} and ${d.notDeleted('r')} and ${where}
      group by 1`.execute(db);
    return Object.fromEntries(rows.map((row) => [String(row.code ?? 'null'), Number(row.n)]));
  };
  const registered = inPeriod('registeredAt');

  const age = sql`coalesce(cast(${d.field('survivorAgeYears')} as integer), ${d.yearsBetween(
    d.field('survivorDateOfBirth'),
    d.indiaDate('registeredAt'),
  )})`;
  const ageGroup = sql`case when ${age} is null then 'unknown' when ${age} < 18 then 'under_18'
    when ${age} < 30 then '18_to_29' when ${age} < 45 then '30_to_44'
    when ${age} < 60 then '45_to_59' else '60_and_over' end`;
  const routeGroup = sql`case ${d.field('arrivalRoute')} when 'helpline_181' then 'helpline_181'
    when 'police' then 'police' when 'walk_in' then 'self' when 'hospital' then 'hospital'
    else 'other' end`;
  const noTypes = sql`(${d.field('violenceTypes')} is null)`;

  const [byAge, byRoute, byDistrict, byMonth, violence, noViolence] = await Promise.all([
    count('case', ageGroup, registered),
    count('case', routeGroup, registered),
    count('case', sql`ce.district_code`, registered),
    count('case', d.indiaMonth('registeredAt'), registered),
    count('case', sql`v.value`, sql`${registered} and v.value is not null`, d.violenceCodes()),
    count('case', sql`'none'`, sql`${registered} and ${noTypes}`),
  ]);
  const [servicesByKind, servicesByMonth, agencies, statuses] = await Promise.all([
    count('service', d.field('kind'), inPeriod('givenAt')),
    count('service', d.indiaMonth('givenAt'), inPeriod('givenAt')),
    count('referral', d.field('agency'), inPeriod('referredAt')),
    count('referral', d.field('status'), inPeriod('referredAt')),
  ]);
  const closed = sql`${d.field('status')} = 'closed' and ${inPeriod('closureApprovedAt')}`;
  const [byReason, closedByMonth, done, overdue] = await Promise.all([
    count('case', d.field('closureReason'), closed),
    count('case', d.indiaMonth('closureApprovedAt'), closed),
    count('followUp', sql`'n'`, inPeriod('doneAt')),
    count(
      'followUp',
      sql`'n'`,
      sql`${d.field('doneAt')} is null and substr(${d.field('dueDate')}, 1, 7)
        between ${period.from} and ${period.to} and ${d.field('dueDate')} < ${today}`,
    ),
  ]);

  const stayEnd = sql`coalesce(${d.indiaDate('dischargedAt')}, ${today})`;
  const stayDays = d.daysBetween(d.indiaDate('admittedAt'), stayEnd);
  const discharged = sql`${d.field('dischargedAt')} is not null`;
  const { rows: stayRows } = await sql<Record<string, number | string | null>>`
    select count(*) as admissions,
      sum(case when ${discharged} then 1 else 0 end) as discharged,
      sum(case when ${discharged} then ${stayDays} else 0 end) as total_days,
      sum(case when ${stayDays} > 5 then 1 else 0 end) as over_five
    from sync_records r
    join sync_records c on c.id = r.case_id and c.record_type = 'case' and ${d.notDeleted('c')}
    where r.record_type = 'stay' and ${d.notDeleted('r')} and ${inPeriod('admittedAt')}`.execute(
    db,
  );
  const stay = Object.fromEntries(
    Object.entries(stayRows[0] ?? {}).map(([name, value]) => [name, Number(value ?? 0)]),
  );

  const monthList = monthsBetween(period);
  const reasons = withCodes(
    [...closureReasons.map((t) => t.code), 'none_recorded'],
    renameKey(byReason, 'null', 'none_recorded'),
  );
  return {
    period,
    asOf: asOf.toISOString(),
    casesRegistered: sum(byMonth),
    byViolenceType: withCodes([...violenceTypes.map((t) => t.code), 'none_recorded'], {
      ...violence,
      none_recorded: noViolence.none ?? 0,
    }),
    byAgeGroup: withCodes(AGE_GROUPS, byAge),
    minors: byAge.under_18 ?? 0,
    byArrivalRoute: withCodes(ROUTE_GROUPS, byRoute),
    byDistrict: withCodes(
      districts.map((district) => district.code),
      byDistrict,
    ),
    servicesByKind: withCodes(
      serviceKinds.map((t) => t.code),
      servicesByKind,
    ),
    stays: {
      admissions: stay.admissions!,
      averageLengthDays:
        stay.discharged === 0 ? null : Math.round((stay.total_days! * 10) / stay.discharged!) / 10,
      overFiveDays: stay.over_five!,
    },
    referrals: {
      byAgency: withCodes(
        referralAgencies.map((t) => t.code),
        agencies,
      ),
      byStatus: withCodes(
        referralStatuses.map((t) => t.code),
        statuses,
      ),
    },
    followUps: { done: done.n ?? 0, overdue: overdue.n ?? 0 },
    closedByReason: reasons,
    monthly: monthList.map((month) => ({
      month,
      casesRegistered: byMonth[month] ?? 0,
      servicesGiven: servicesByMonth[month] ?? 0,
      casesClosed: closedByMonth[month] ?? 0,
    })),
  };
}

function withCodes(codes: readonly string[], counts: Counts): Counts {
  return { ...Object.fromEntries(codes.map((code) => [code, 0])), ...counts };
}

function renameKey(counts: Counts, from: string, to: string): Counts {
  const { [from]: moved, ...rest } = counts;
  return moved === undefined ? rest : { ...rest, [to]: moved };
}

function sum(counts: Counts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function monthsBetween({ from, to }: ReportPeriod): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let current = from; current <= to;) {
    months.push(current);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    current = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}
