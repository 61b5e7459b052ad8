import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { IndicatorReport } from '../../domain/report-indicators.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { Button } from '../../ui/Button.tsx';
import { buildReportTables } from './report-tables.ts';
import { ReportTableView } from './ReportTableView.tsx';
import './reports.css';

export interface ReportViewProps {
  readonly report: IndicatorReport;
  /** Names every CSV from this report, e.g. ['sakhi', 'LKO', '2020-03', '2020-03']. */
  readonly fileStem: readonly string[];
  /** Between the period and the tables: where the figures came from and when. */
  readonly source?: ComponentChildren;
}

/** Every indicator of one report as a chart over its table, printable on its own. */
export function ReportView({ report, fileStem, source }: ReportViewProps) {
  const t = useMessages(reportsMessages);
  const lang = useLang();
  const tables = useMemo(() => buildReportTables(report, lang), [report, lang]);
  const formatNumber = useMemo(() => {
    const format = new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN');
    return (value: number) => format.format(value);
  }, [lang]);
  return (
    <div class="report-view" data-testid="report-view">
      <div class="report-source">
        {source}
        <span class="no-print">
          <Button onClick={() => window.print()} testId="report-print">
            {t.print}
          </Button>
        </span>
      </div>
      {tables.map((table) => (
        <ReportTableView
          key={table.id}
          table={table}
          fileStem={fileStem}
          formatNumber={formatNumber}
        />
      ))}
    </div>
  );
}
