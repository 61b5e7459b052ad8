import { useMemo, useState } from 'preact/hooks';
import type { IndicatorAnswer, ReportPeriod } from '../../domain/report-indicators.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { paths } from '../../shell/router.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import {
  buildDistrictRows,
  filterDistrictRows,
  sortDistrictRows,
  type DistrictRow,
  type DistrictSort,
  type DistrictSortKey,
} from './district-rows.ts';
import { downloadCsv, formatCsv, nameCsvFile } from './report-csv.ts';
import { formatPeriodSearch } from './report-months.ts';

export interface DistrictTableProps {
  readonly answer: IndicatorAnswer;
  readonly period: ReportPeriod;
}

/** All 75 districts: sortable, filterable by name, each row opening its district page. */
export function DistrictTable({ answer, period }: DistrictTableProps) {
  const t = useMessages(reportsMessages);
  const lang = useLang();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<DistrictSort>({ key: 'cases', isDescending: true });
  const rows = useMemo(() => buildDistrictRows(answer, lang), [answer, lang]);
  const shown = useMemo(
    () => sortDistrictRows(filterDistrictRows(rows, query), sort, lang),
    [rows, query, sort, lang],
  );
  const number = new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN');
  const columns: readonly { key: DistrictSortKey; label: string }[] = [
    { key: 'name', label: t.districtColumn },
    { key: 'cases', label: t.districtCases },
    { key: 'casesPer100k', label: t.districtPer100k },
  ];
  const sortBy = (key: DistrictSortKey) =>
    setSort((current) => ({
      key,
      isDescending: current.key === key ? !current.isDescending : key !== 'name',
    }));
  const exportCsv = () =>
    downloadCsv(
      nameCsvFile(['sakhi', 'districts', period.from, period.to]),
      formatCsv({
        headers: [...columns.map((column) => column.label), t.districtNoData],
        rows: shown.map((row) => [row.name, row.cases, row.casesPer100k, row.hasNoData ? 1 : 0]),
      }),
    );
  return (
    <section class="report-block" aria-labelledby="districts-heading" data-testid="district-table">
      <h3 id="districts-heading">{t.districtsHeading}</h3>
      <div class="no-print">
        <label class="field-label" for="district-filter">
          {t.districtFilter}
        </label>
        <input
          id="district-filter"
          type="search"
          class="input"
          value={query}
          data-testid="district-filter"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      <p role="status" data-testid="district-count">
        {fill(t.districtShown, { n: shown.length })}
      </p>
      <table class="report-table">
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th
                key={column.key}
                scope="col"
                class={index > 0 ? 'report-number' : undefined}
                aria-sort={
                  sort.key === column.key
                    ? sort.isDescending
                      ? 'descending'
                      : 'ascending'
                    : 'none'
                }
              >
                <button
                  type="button"
                  class="sort-button"
                  aria-label={fill(t.sortBy, { column: column.label })}
                  data-testid={`sort-${column.key}`}
                  onClick={() => sortBy(column.key)}
                >
                  {column.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <DistrictTableRow key={row.code} row={row} period={period} number={number} />
          ))}
        </tbody>
      </table>
      <p class="report-note">{t.districtPopulationNote}</p>
      <div class="report-actions">
        <Button variant="link" testId="csv-districts" onClick={exportCsv}>
          {t.downloadCsv}
        </Button>
      </div>
    </section>
  );
}

function DistrictTableRow({
  row,
  period,
  number,
}: {
  readonly row: DistrictRow;
  readonly period: ReportPeriod;
  readonly number: Intl.NumberFormat;
}) {
  const t = useMessages(reportsMessages);
  return (
    <tr
      class={row.hasNoData ? 'district-row-empty' : undefined}
      data-testid={`district-${row.code}`}
    >
      <th scope="row">
        <a href={`${paths.stateDistrict(row.code)}${formatPeriodSearch(period)}`}>{row.name}</a>{' '}
        {row.hasNoData ? (
          <Badge tone="warning" testId={`no-data-${row.code}`}>
            {t.districtNoData}
          </Badge>
        ) : null}
      </th>
      <td class="report-number">{number.format(row.cases)}</td>
      <td class="report-number">
        {row.casesPer100k === null ? t.notApplicable : number.format(row.casesPer100k)}
      </td>
    </tr>
  );
}
