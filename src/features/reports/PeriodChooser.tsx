import { useState } from 'preact/hooks';
import { reportPeriodSchema, type ReportPeriod } from '../../domain/report-indicators.ts';
import { useMessages } from '../../i18n/define-messages.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';

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
  const monthInput = (
    label: string,
    value: string,
    onInput: (value: string) => void,
    testId: string,
  ) => (
    <Field label={label} error={null}>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="month"
          class="input"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={isInvalid}
          data-testid={testId}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
  return (
    <form class="period-chooser" onSubmit={choose} data-testid="period-chooser">
      {monthInput(isOneMonth ? t.month : t.periodFrom, from, setFrom, 'period-from')}
      {isOneMonth ? null : monthInput(t.periodTo, to, setTo, 'period-to')}
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
