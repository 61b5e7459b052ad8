// Dates as staff read and type them. Calendar dates ('YYYY-MM-DD') are India days; an
// instant is shown in the tablet's zone, which in a centre is India's.
import type { Lang } from '../i18n/lang.ts';

const locales: Record<Lang, string> = { hi: 'hi-IN', en: 'en-IN' };

export function formatDate(date: string, lang: Lang): string {
  const ms = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(ms)) return date;
  return new Date(ms).toLocaleDateString(locales[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(date.length === 10 ? { timeZone: 'UTC' } : { timeZone: 'Asia/Kolkata' }),
  });
}

export function formatDateTime(instant: string, lang: Lang): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Date(ms).toLocaleString(locales[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'Asia/Kolkata',
  });
}

/** What a datetime-local input shows for a moment: 'YYYY-MM-DDTHH:mm' in the tablet's zone. */
export function toLocalDateTimeInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A datetime-local input's value as an instant, or null when it is not a whole date and time. */
export function fromLocalDateTimeInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function isCalendarDateInput(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
