import { useState } from 'preact/hooks';
import { reportPeriodSchema, type ReportPeriod } from '../../domain/report-indicators.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { Button } from '../../ui/Button.tsx';
import { MonthPicker } from './MonthPicker.tsx';

export interface PeriodChooserProps {
  readonly period: ReportPeriod;
  readonly onChoose: (period: ReportPeriod) => void;
  /** A centre's monthly report asks for one month; the dashboard for a range. */
  readonly isOneMonth?: boolean;
}

/** Whole months only; nothing is asked of the server until both months make a period. */
export function PeriodChooser({ period, onChoose, isOneMonth = false }: PeriodChooserProps) {
  const t = useMessages(reportsMessages);
  const [from, setFrom] = useState<string>(period.from);
  const [to, setTo] = useState<string>(period.to);
  const [isInvalid, setInvalid] = useState(false);
  const choose = (event: Event) => {
    event.preventDefault();
    const parsed = reportPeriodSchema.safeParse({ from, to: isOneMonth ? from : to });
    setInvalid(!parsed.success);
    if (parsed.success) onChoose(parsed.data);
  };
  return (
    <form class="period-chooser" onSubmit={choose} data-testid="period-chooser">
      <MonthPicker
        label={isOneMonth ? t.month : t.periodFrom}
        value={from}
        onChoose={setFrom}
        isInvalid={isInvalid}
        testId="period-from"
      />
      {isOneMonth ? null : (
        <MonthPicker
          label={t.periodTo}
          value={to}
          onChoose={setTo}
          isInvalid={isInvalid}
          testId="period-to"
        />
      )}
      <Button type="submit" variant="primary" testId="period-show">
        {t.show}
      </Button>
      {isInvalid ? (
        <p class="field-error" role="alert" data-testid="period-error">
          {t.periodInvalid}
        </p>
      ) : null}
    </form>
  );
}
