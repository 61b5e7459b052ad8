import { useEffect, useState } from 'preact/hooks';
import type { IndicatorReport, ReportPeriod } from '../../domain/report-indicators.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { Banner } from '../../ui/Banner.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { PeriodChooser } from './PeriodChooser.tsx';
import type { ReadCentreReport } from './report-ports.ts';
import { formatMonth, readIndiaMonth } from './report-months.ts';
import { ReportView } from './ReportView.tsx';

export interface CentreReportPageProps {
  readonly readCentreReport: ReadCentreReport;
  /** Her centre's district code, naming the CSV files. */
  readonly fileTag: string;
  readonly now?: () => Date;
}

type CentreReportState =
  | { readonly status: 'counting' }
  | { readonly status: 'counted'; readonly report: IndicatorReport }
  | { readonly status: 'failed' };

/** A manager's monthly figures for her centre, counted on this tablet, offline. */
export function CentreReportPage({
  readCentreReport,
  fileTag,
  now = () => new Date(),
}: CentreReportPageProps) {
  const t = useMessages(reportsMessages);
  const lang = useLang();
  const [period, setPeriod] = useState<ReportPeriod>(() => {
    const month = readIndiaMonth(now());
    return { from: month, to: month };
  });
  const [state, setState] = useState<CentreReportState>({ status: 'counting' });
  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'counting' });
    readCentreReport(period, now()).then(
      (report) => isCurrent && setState({ status: 'counted', report }),
      (error: unknown) => {
        console.warn('Sakhi: the monthly report could not be counted', error);
        if (isCurrent) setState({ status: 'failed' });
      },
    );
    return () => {
      isCurrent = false;
    };
    // `now` is read when counting starts; a new month chosen counts again.
  }, [readCentreReport, period]);
  return (
    <section class="page report-page" data-testid="centre-report">
      <h2>{t.centreTitle}</h2>
      <p class="no-print">{t.centreIntro}</p>
      <p data-testid="report-period">{formatMonth(period.from, lang)}</p>
      <PeriodChooser key={period.from} period={period} onChoose={setPeriod} isOneMonth />
      {state.status === 'counting' ? (
        <p class="loading" aria-busy="true">
          {t.loading}
        </p>
      ) : state.status === 'failed' ? (
        <Banner tone="danger" testId="report-failed">
          {t.centreFailed}
        </Banner>
      ) : (
        <ReportView
          report={state.report}
          fileStem={['sakhi', fileTag, period.from]}
          source={
            <span class="report-note" data-testid="computed-at">
              {fill(t.computedAt, { time: formatDateTime(state.report.asOf, lang) })}
            </span>
          }
        />
      )}
    </section>
  );
}
