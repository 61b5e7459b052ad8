// A month chosen as two lists, month and year, named in the app's language. The browser's
// own month input names months in the browser's language, which on most centre tablets is
// English whatever the app shows; these lists follow the language button.
import { useId } from 'preact/hooks';
import { useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { formatMonthName, readIndiaMonth } from './report-months.ts';

/** One Stop Centres opened from April 2015: no report can ask for an earlier month. */
const firstYear = 2015;

export interface MonthPickerProps {
  readonly label: string;
  /** 'YYYY-MM'. */
  readonly value: string;
  readonly onChoose: (month: string) => void;
  readonly isInvalid: boolean;
  readonly testId: string;
}

export function MonthPicker({ label, value, onChoose, isInvalid, testId }: MonthPickerProps) {
  const t = useMessages(reportsMessages);
  const lang = useLang();
  const id = useId();
  const [year = '', month = ''] = value.split('-');
  const lastYear = Number(readIndiaMonth(new Date()).slice(0, 4));
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => String(lastYear - i));
  if (year !== '' && !years.includes(year)) years.push(year);
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
  return (
    <fieldset class="field month-picker" data-testid={testId}>
      <legend class="field-label">{label}</legend>
      <select
        id={`${id}-month`}
        class="input"
        aria-label={`${label}: ${t.calendarMonth}`}
        value={month}
        aria-invalid={isInvalid}
        data-testid={`${testId}-month`}
        onChange={(event) => onChoose(`${year}-${event.currentTarget.value}`)}
      >
        {months.map((m) => (
          <option key={m} value={m}>
            {formatMonthName(m, lang)}
          </option>
        ))}
      </select>
      <select
        id={`${id}-year`}
        class="input"
        aria-label={`${label}: ${t.calendarYear}`}
        value={year}
        aria-invalid={isInvalid}
        data-testid={`${testId}-year`}
        onChange={(event) => onChoose(`${event.currentTarget.value}-${month}`)}
      >
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
