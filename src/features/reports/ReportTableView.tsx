import { useMessages } from '../../i18n/define-messages.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { Button } from '../../ui/Button.tsx';
import { downloadCsv, formatCsv, nameCsvFile } from './report-csv.ts';
import type { ReportCell, ReportTable } from './report-tables.ts';
import { ReportChart } from './ReportChart.tsx';

export interface ReportTableViewProps {
  readonly table: ReportTable;
  /** The CSV file's name before the table's id, e.g. ['sakhi', 'state', '2020-01', '2020-12']. */
  readonly fileStem: readonly string[];
  readonly formatNumber: (value: number) => string;
}

/** One indicator: its chart (if it has one), its table, and the table's CSV. */
export function ReportTableView({ table, fileStem, formatNumber }: ReportTableViewProps) {
  const t = useMessages(reportsMessages);
  const headingId = `report-${table.id}`;
  const showCell = (cell: ReportCell) =>
    cell === null ? t.notApplicable : typeof cell === 'number' ? formatNumber(cell) : cell;
  return (
    <section
      class="report-block"
      aria-labelledby={headingId}
      data-testid={`report-table-${table.id}`}
    >
      <h3 id={headingId}>{table.title}</h3>
      {table.chart ? <ReportChart title={table.title} spec={chartSpecOf(table)} /> : null}
      <table class="report-table">
        <thead>
          <tr>
            {table.headers.map((header, index) => (
              <th key={header} scope="col" class={index > 0 ? 'report-number' : undefined}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {showCell(cell)}
                  </th>
                ) : (
                  <td key={index} class="report-number">
                    {showCell(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note ? <p class="report-note">{table.note}</p> : null}
      <div class="report-actions">
        <Button
          variant="link"
          testId={`csv-${table.id}`}
          onClick={() => downloadCsv(nameCsvFile([...fileStem, table.id]), formatCsv(table))}
        >
          {t.downloadCsv}
        </Button>
      </div>
    </section>
  );
}

function chartSpecOf(table: ReportTable) {
  const labels = table.rows.map((row) => String(row[0]));
  const columns = table.headers.slice(1).map((_, column) =>
    table.rows.map((row) => {
      const cell = row[column + 1];
      return typeof cell === 'number' ? cell : 0;
    }),
  );
  return { kind: table.chart ?? 'bar', labels, series: columns } as const;
}
