import { fill } from '../i18n/define-messages.ts';
import { useLang, type Lang } from '../i18n/lang.ts';
import { appMessages } from '../i18n/messages.ts';
import { formatDateTime, fromLocalDateTimeInput } from './datetime.ts';
import { TextField } from './Field.tsx';

type DateFieldProps = Parameters<typeof TextField>[0] & {
  readonly type: 'date' | 'datetime-local';
};

/**
 * A date input that says back the day she chose. The browser shows day and month in the
 * order of its own language, which on a tablet set to English (US) is mm/dd/yyyy: the date
 * is said back with its month in words, so 03/12 cannot be read as 12 March when it is
 * 3 December. (Its own file, apart from TextField, so the sign-in screen does not load it.)
 */
export function DateField(props: DateFieldProps) {
  const readBack = readBackDate(props.type, props.value, useLang());
  const hint = readBack ? [props.hint, readBack].filter(Boolean).join(' · ') : props.hint;
  return <TextField {...props} hint={hint} />;
}

function readBackDate(type: DateFieldProps['type'], value: string, lang: Lang): string | null {
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return fill(appMessages[lang].dateReadBack, { date: formatDateInWords(value, lang) });
  }
  const instant = type === 'datetime-local' ? fromLocalDateTimeInput(value) : null;
  return instant
    ? fill(appMessages[lang].dateReadBack, { date: formatDateTime(instant, lang) })
    : null;
}

/**
 * A calendar date with its month in words ('12 मार्च 2026', '12 March 2026'): said back under
 * a date input, whose order of day and month follows the browser's language, not the app's.
 */
export function formatDateInWords(date: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(lang === 'hi' ? 'hi-IN' : 'en-IN', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
