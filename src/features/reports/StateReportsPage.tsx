import { useState } from 'preact/hooks';
import { districts } from '../../domain/districts.ts';
import type { ReportPeriod } from '../../domain/report-indicators.ts';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { navigate, paths } from '../../shell/router.ts';
import { useOnline } from '../../shell/use-online.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { AnswerStatus } from './AnswerStatus.tsx';
import { DistrictTable } from './DistrictTable.tsx';
import type { LastAnswers } from './last-answers.ts';
import { PeriodChooser } from './PeriodChooser.tsx';
import {
  formatMonth,
  formatPeriodSearch,
  readPeriodFromSearch,
  readYearToDate,
} from './report-months.ts';
import type { ReportsClient } from './reports-client.ts';
import { ReportView } from './ReportView.tsx';
import { useIndicatorAnswer } from './use-indicator-answer.ts';

export interface StateReportsPageProps {
  readonly client: ReportsClient;
  readonly lastAnswers: LastAnswers;
  /** Null for the state dashboard; a district's code for its page. */
  readonly districtCode: string | null;
  readonly now?: () => Date;
}

/**
 * Headquarters' view: the state's figures for a period with all 75 districts, or one
 * district's. Only counts reach this screen. The period lives in the address
 * (?from=&to=), so a district page opens on the period the dashboard showed.
 */
export function StateReportsPage({
  client,
  lastAnswers,
  districtCode,
  now = () => new Date(),
}: StateReportsPageProps) {
  const t = useMessages(reportsMessages);
  const lang = useLang();
  const isOnline = useOnline();
  const [period, setPeriod] = useState<ReportPeriod>(() =>
    readPeriodFromSearch(location.search, readYearToDate(now())),
  );
  const [attempt, setAttempt] = useState(0);
  const state = useIndicatorAnswer(
    client,
    lastAnswers,
    { period, districtCode },
    isOnline,
    attempt,
    now,
  );
  const district = districts.find((candidate) => candidate.code === districtCode);
  const choose = (chosen: ReportPeriod) => {
    setPeriod(chosen);
    const path = districtCode ? paths.stateDistrict(districtCode) : paths.stateDashboard;
    navigate(`${path}${formatPeriodSearch(chosen)}`, { replace: true });
  };
  const answer = state.status === 'fresh' || state.status === 'kept' ? state.saved.answer : null;
  return (
    <section class="page report-page" data-testid="state-reports">
      {districtCode ? (
        <span class="no-print">
          <LinkButton href={`${paths.stateDashboard}${formatPeriodSearch(period)}`} variant="link">
            {t.backToState}
          </LinkButton>
        </span>
      ) : null}
      <h2>
        {districtCode
          ? fill(t.districtTitle, { district: district ? district[lang] : districtCode })
          : t.stateTitle}
      </h2>
      <p data-testid="report-period">
        {fill(t.periodLabel, {
          from: formatMonth(period.from, lang),
          to: formatMonth(period.to, lang),
        })}
      </p>
      <PeriodChooser key={`${period.from}-${period.to}`} period={period} onChoose={choose} />
      <AnswerStatus state={state} onRetry={() => setAttempt(attempt + 1)} />
      {answer ? (
        <ReportView
          report={answer.report}
          fileStem={['sakhi', districtCode ?? 'state', period.from, period.to]}
        />
      ) : null}
      {answer && !districtCode ? <DistrictTable answer={answer} period={period} /> : null}
    </section>
  );
}
