/**
 * The centre's monthly figures from the tablet's own records, offline: the rows a report
 * needs are read through the sealed database and counted by the domain's
 * computeIndicatorReport, the same definitions the server counts in SQL.
 *
 * What must always hold:
 * - Only the rows a report can count are opened: cases registered or closed in (or a day
 *   around) the period, entries that happened in (or a day around) the period, follow-ups
 *   not yet done that are due in the period, and the cases those entries belong to. The
 *   windows are wider than the period only so that no boundary case is missed; the domain
 *   counts exactly. Rows are chosen by their clear columns' indexes before anything is read
 *   whole: reading and unsealing rows is what a report's time goes on, so a month reads
 *   its month's rows, not the year's. A row written before a column existed (closedAt,
 *   dueOn) is found by its keys and opened rather than skipped.
 * - Every row read is one the unlocked store may read: the indexes used hold only ids,
 *   dates, codes and flags (sealed-tables.ts); nothing sealed is indexed for reports.
 * - Reading never writes.
 */
import type { Case } from '../domain/case.ts';
import { computeIndicatorReport } from '../domain/compute-indicators.ts';
import type { DistrictCode } from '../domain/districts.ts';
import type { EntryKind } from '../domain/entries.ts';
import type { IndicatorReport, ReportMonth, ReportPeriod } from '../domain/report-indicators.ts';
import { readEntry } from './case-file.ts';
import { readCase } from './case-repository.ts';
import type { Table } from 'dexie';
import type { CaseRow, EntryRow, Flag, SakhiDatabase } from './database.ts';
import type { RowSealer } from './row-sealing.ts';
import { openStoredRows } from './sealed-tables.ts';
import { toStoreError } from './store-errors.ts';

/** The centre a report is for: the tablet holds one centre's records (design.md). */
export interface ReportCentre {
  readonly centreId: string;
  readonly districtCode: DistrictCode;
}

/** Entry kinds a report counts: notes count nowhere, so they are never opened. */
const countedKinds = ['service', 'stay', 'referral', 'followUp'] as const satisfies EntryKind[];

const dayMs = 24 * 60 * 60_000;

/**
 * Where a report reads from: the tablet's database opened without the sealing middleware
 * (`rawRows`, kept open by its owner: opening a connection per report cost most of a
 * report's time), and the key that opens its rows.
 */
export interface ReportSource {
  readonly raw: SakhiDatabase;
  readonly sealer: RowSealer;
}

/** Where one report's time went, in ms, added to by each report (the bench prints it). */
export interface ReportPhases {
  reading: number;
  opening: number;
  counting: number;
  casesOpened: number;
  entriesOpened: number;
}

export async function readCentreReport(
  source: ReportSource,
  centre: ReportCentre,
  period: ReportPeriod,
  asOf: Date,
  phases?: ReportPhases,
): Promise<IndicatorReport> {
  try {
    const started = performance.now();
    const stored = await readStoredRows(source.raw, instantWindow(period), dueWindow(period));
    const read = performance.now();
    // Opened in bulk after the transaction: WebCrypto is far faster than one cipher per row.
    const [caseRows, entryRows] = (await Promise.all([
      openStoredRows(source.sealer, 'cases', stored.cases),
      openStoredRows(source.sealer, 'entries', stored.entries),
    ])) as unknown as [CaseRow[], EntryRow[]];
    const opened = performance.now();
    const centreCases: Case[] = caseRows
      .map((row) => readCase(row.fields))
      .filter((c) => c.centreId === centre.centreId);
    const report = computeIndicatorReport(
      centreCases,
      entryRows.map(readEntry),
      period,
      asOf,
      (centreId) => (centreId === centre.centreId ? centre.districtCode : null),
    );
    if (phases) {
      phases.reading += read - started;
      phases.opening += opened - read;
      phases.counting += performance.now() - opened;
      phases.casesOpened += caseRows.length;
      phases.entriesOpened += entryRows.length;
    }
    return report;
  } catch (error) {
    throw toStoreError(error);
  }
}

type StoredRow = Record<string, unknown> & {
  readonly id: string;
  readonly isRemoved: Flag;
  readonly status?: string;
  readonly closedAt?: string | null;
  readonly dueOn?: string | null;
};

/**
 * The stored (still sealed) rows a report counts, chosen by clear columns only. Removed
 * rows are left out here: a removed case counts nowhere, nor does a removed entry.
 */
async function readStoredRows(
  raw: SakhiDatabase,
  { from, to }: Window,
  due: Window,
): Promise<{ cases: StoredRow[]; entries: StoredRow[] }> {
  const cases = raw.table<StoredRow, string>('cases');
  const entries = raw.table<StoredRow & { readonly caseId: string }, string>('entries');
  return raw.transaction('r', cases, entries, async () => {
    const [registered, closed, happened, followUpsDue] = await Promise.all([
      cases.where('registeredAt').between(from, to, true, true).toArray(),
      readClosedIn(cases, { from, to }),
      Promise.all(
        countedKinds.map((kind) =>
          entries
            .where('[entryType+happenedAt]')
            .between([kind, from], [kind, to], true, true)
            .toArray(),
        ),
      ),
      readFollowUpsDueIn(entries, due),
    ]);
    const entryRows = uniqueById([...happened.flat(), ...followUpsDue]).filter(isLive);
    const caseRows = uniqueById([...registered, ...closed]);
    const known = new Set(caseRows.map((row) => row.id));
    const missing = [...new Set(entryRows.map((row) => row.caseId))].filter(
      (caseId) => !known.has(caseId),
    );
    const owners = await cases.bulkGet(missing);
    return {
      cases: [...caseRows, ...owners.filter((row) => row !== undefined)].filter(isLive),
      entries: entryRows,
    };
  });
}

type StoredTable<Row> = Table<Row, string>;

/**
 * Closed cases whose `closedAt` is in the window, through its index; plus closed cases
 * written before the column existed (found by keys alone: closed, yet not in the
 * `closedAt` index), which are opened so that none is missed.
 */
async function readClosedIn(cases: StoredTable<StoredRow>, window: Window): Promise<StoredRow[]> {
  const [inWindow, closedKeys, datedKeys] = await Promise.all([
    cases.where('closedAt').between(window.from, window.to, true, true).toArray(),
    cases.where('status').equals('closed').primaryKeys(),
    cases.where('closedAt').above('').primaryKeys(),
  ]);
  const undated = await readUndated(cases, closedKeys, datedKeys);
  // A reopened case may keep its old approval date: only a case closed now counts.
  return [
    ...inWindow.filter((row) => row.status === 'closed'),
    ...undated.filter((row) => isWithin(row.closedAt, window)),
  ];
}

/** Follow-ups not yet done that are due in the window; undated ones as in readClosedIn. */
async function readFollowUpsDueIn<Row extends StoredRow>(
  entries: StoredTable<Row>,
  window: Window,
): Promise<Row[]> {
  const [dated, pendingKeys, datedKeys] = await Promise.all([
    entries.where('dueOn').between(window.from, window.to, true, true).toArray(),
    entries.where('[entryType+isPending]').equals(['followUp', 1]).primaryKeys(),
    entries.where('dueOn').above('').primaryKeys(),
  ]);
  const pending = new Set(pendingKeys);
  const undated = await readUndated(entries, pendingKeys, datedKeys);
  return [
    ...dated.filter((row) => pending.has(row.id)),
    ...undated.filter((row) => isWithin(row.dueOn, window)),
  ];
}

/** The rows among `keys` that are not among `datedKeys`, read whole. */
async function readUndated<Row>(
  table: StoredTable<Row>,
  keys: readonly string[],
  datedKeys: readonly string[],
): Promise<Row[]> {
  const dated = new Set(datedKeys);
  const undated = keys.filter((key) => !dated.has(key));
  if (undated.length === 0) return [];
  return (await table.bulkGet(undated)).filter((row) => row !== undefined);
}

interface Window {
  readonly from: string;
  readonly to: string;
}

/** In the window, both ends included; a row without the column yet may be, so it is. */
function isWithin(value: string | null | undefined, { from, to }: Window): boolean {
  return value === undefined || (value !== null && value >= from && value <= to);
}

function isLive(row: StoredRow): boolean {
  return row.isRemoved === 0;
}

/**
 * Instants (ISO strings, as the rows store them) from a day before the period's first
 * India midnight to a day after its last: wide enough for any way an instant is written.
 */
export function instantWindow(period: ReportPeriod): Window {
  const start = Date.parse(`${period.from}-01T00:00:00+05:30`);
  const end = Date.parse(`${nextMonth(period.to)}-01T00:00:00+05:30`);
  return {
    from: new Date(start - dayMs).toISOString(),
    to: new Date(end + dayMs).toISOString(),
  };
}

/** India dates (YYYY-MM-DD) from the period's first day to its last. */
export function dueWindow(period: ReportPeriod): Window {
  return { from: `${period.from}-01`, to: `${period.to}-31` };
}

function nextMonth(month: ReportMonth): ReportMonth {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 12
    ? `${String(year + 1)}-01`
    : `${String(year)}-${String(monthNumber + 1).padStart(2, '0')}`;
}

function uniqueById<Row extends StoredRow>(rows: readonly Row[]): Row[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}
