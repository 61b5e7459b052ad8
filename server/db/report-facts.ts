/**
 * The report facts: one row per case and per counted entry, holding only what the
 * indicators count (src/domain/report-indicators.ts), already read in India time, so the
 * reports are plain SQL counts on both engines and never parse record JSON.
 *
 * What must always hold:
 * - A fact is rewritten in the same transaction as its record (the push's store step
 *   calls storeReportFacts), so a report never sees a record without its fact or the
 *   reverse. Migration 0008 backfilled the records stored before it.
 * - A fact holds codes, India months and dates, and whole numbers only: never a name, a
 *   phone, free text or a case number.
 * - Notes and conflicts have no fact: no indicator counts them.
 * - If a definition changes, a new migration rebuilds the table with factOf.
 */
import { sql, type Kysely } from 'kysely';
import { RowStatement } from './row-statement.ts';
import { ageAtRegistration } from '../../src/domain/compute-indicators.ts';
import { ageGroupOf, arrivalRouteGroupOf } from '../../src/domain/report-indicators.ts';
import type { ArrivalRoute } from '../../src/domain/code-schemas.ts';
import { daysBetween, indiaDateOf } from '../../src/domain/india-time.ts';
import type { FieldMap } from '../../src/domain/merge.ts';
import type { RecordType } from '../../src/domain/protocol.ts';

export interface ReportFactsTable {
  record_id: string;
  record_type: 'case' | 'service' | 'stay' | 'referral' | 'followUp';
  case_id: string;
  centre_id: string;
  /** 1 when the record itself is removed; an entry's case is checked by joining its fact. */
  deleted: number;
  /**
   * India 'YYYY-MM' of the date the record is counted by: registeredAt, givenAt,
   * admittedAt, referredAt, doneAt; null when it has none (a referral not sent, a
   * follow-up not done).
   */
  month: string | null;
  /** Arrival route group (case), kind (service), agency (referral). */
  code: string | null;
  /** Case status, referral status. */
  status: string | null;
  age_group: string | null;
  /** ',physical,sexual,' — each code wrapped in commas; null when she named none. */
  violence_types: string | null;
  /** India 'YYYY-MM' of closureApprovedAt. */
  closed_month: string | null;
  closure_reason: string | null;
  /** Stay: India date of admission. */
  admitted_on: string | null;
  /** Stay: whole India days admitted to discharged; null while she stays. */
  length_days: number | null;
  /** Follow-up: its due date. */
  due_on: string | null;
}

/** A stored record as the push holds it. */
export interface FactSource {
  readonly id: string;
  readonly head: {
    readonly recordType: RecordType;
    readonly caseId: string;
    readonly centreId: string;
  };
  readonly fields: FieldMap;
}

/**
 * 15 columns a row: 7,500 parameters, well under both engines' limits (SQLite 32,766,
 * PostgreSQL 65,535). As many rows as a push batch has mutations, so a batch's facts are
 * one statement, not two.
 */
const ROWS_PER_STATEMENT = 500;

export const REPORT_FACT_COLUMNS = [
  'record_id',
  'record_type',
  'case_id',
  'centre_id',
  'deleted',
  'month',
  'code',
  'status',
  'age_group',
  'violence_types',
  'closed_month',
  'closure_reason',
  'admitted_on',
  'length_days',
  'due_on',
] as const satisfies readonly (keyof ReportFactsTable)[];

/**
 * Writes (or rewrites) the facts of records just stored, in the caller's transaction.
 * Plain SQL (the same on both engines), so any handle's table types will do.
 */
export async function storeReportFacts<DB>(
  trx: Kysely<DB>,
  records: readonly FactSource[],
): Promise<void> {
  await writeReportFacts(trx, factsOf(records));
}

/** The facts of `records` (those no indicator counts have none). */
export function factsOf(records: readonly FactSource[]): ReportFactsTable[] {
  const facts: ReportFactsTable[] = [];
  for (const record of records) {
    const fact = factOf(record);
    if (fact !== null) facts.push(fact);
  }
  return facts;
}

/** Writes (or rewrites) facts made by factsOf, in the caller's transaction. */
export async function writeReportFacts<DB>(
  trx: Kysely<DB>,
  facts: readonly ReportFactsTable[],
): Promise<void> {
  await factUpserts.run(trx as Kysely<unknown>, facts, ROWS_PER_STATEMENT);
}

/** One statement text per row count and engine (row-statement.ts). */
const factUpserts = new RowStatement<ReportFactsTable, unknown>(
  REPORT_FACT_COLUMNS,
  (db, facts) => {
    const updates = sql.join(
      REPORT_FACT_COLUMNS.slice(1).map(
        (column) => sql`${sql.ref(column)} = excluded.${sql.ref(column)}`,
      ),
    );
    const rows = facts.map(
      (fact) => sql`(${sql.join(REPORT_FACT_COLUMNS.map((column) => fact[column]))})`,
    );
    const statement = sql`insert into report_facts (${sql.join(REPORT_FACT_COLUMNS.map((column) => sql.ref(column)))})
      values ${sql.join(rows)}
      on conflict (record_id) do update set ${updates}`;
    return { compile: () => statement.compile(db) };
  },
);

/** The fact a record is counted by, or null for records no indicator counts. */
export function factOf({ id, head, fields }: FactSource): ReportFactsTable | null {
  const text = (name: string): string | null => {
    const value = fields[name]?.value;
    return typeof value === 'string' ? value : null;
  };
  const fact: ReportFactsTable = {
    record_id: id,
    record_type: 'case',
    case_id: head.caseId,
    centre_id: head.centreId,
    deleted: fields.deleted?.value === true ? 1 : 0,
    month: null,
    code: null,
    status: null,
    age_group: null,
    violence_types: null,
    closed_month: null,
    closure_reason: null,
    admitted_on: null,
    length_days: null,
    due_on: null,
  };
  switch (head.recordType) {
    case 'case': {
      const givenAge = fields.survivorAgeYears?.value;
      const registeredAt = text('registeredAt');
      const route = text('arrivalRoute');
      const types = fields.violenceTypes?.value;
      const named = Array.isArray(types) ? types.filter((t) => typeof t === 'string') : [];
      return {
        ...fact,
        month: indiaMonthOf(text('registeredAt')),
        code: route === null ? 'other' : arrivalRouteGroupOf(route as ArrivalRoute),
        status: text('status'),
        age_group: ageGroupOf(
          registeredAt === null
            ? null
            : ageAtRegistration({
                registeredAt,
                survivorAgeYears: typeof givenAge === 'number' ? givenAge : null,
                survivorDateOfBirth: text('survivorDateOfBirth'),
              }),
        ),
        violence_types: named.length > 0 ? `,${named.join(',')},` : null,
        closed_month: indiaMonthOf(text('closureApprovedAt')),
        closure_reason: text('closureReason'),
      };
    }
    case 'service':
      return {
        ...fact,
        record_type: 'service',
        month: indiaMonthOf(text('givenAt')),
        code: text('kind'),
      };
    case 'stay': {
      const admittedAt = text('admittedAt');
      const dischargedAt = text('dischargedAt');
      const admittedOn = admittedAt === null ? null : indiaDateOf(admittedAt);
      return {
        ...fact,
        record_type: 'stay',
        month: indiaMonthOf(admittedAt),
        admitted_on: admittedOn,
        length_days:
          admittedOn === null || dischargedAt === null
            ? null
            : daysBetween(admittedOn, indiaDateOf(dischargedAt)),
      };
    }
    case 'referral':
      return {
        ...fact,
        record_type: 'referral',
        month: indiaMonthOf(text('referredAt')),
        code: text('agency'),
        status: text('status'),
      };
    case 'followUp':
      return {
        ...fact,
        record_type: 'followUp',
        month: indiaMonthOf(text('doneAt')),
        due_on: text('dueDate'),
      };
    default:
      return null;
  }
}

function indiaMonthOf(instant: string | null): string | null {
  return instant === null ? null : indiaDateOf(instant).slice(0, 7);
}
