// Dates as staff read and type them, in India time whatever zone the tablet's browser is
// set to. What must stay true: every date on a screen reads dd/mm/yyyy (as Indian forms and
// registers write it), in both languages; a calendar date ('YYYY-MM-DD') is already an India
// day and is never shifted by a zone; an instant is shown as the India day and time it was.
import type { Lang } from '../i18n/lang.ts';

const locales: Record<Lang, string> = { hi: 'hi-IN', en: 'en-IN' };
const indiaZone = 'Asia/Kolkata';
const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The India day of an instant as 'YYYY-MM-DD'. */
function indiaDayOf(ms: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Date(ms).toLocaleDateString('en-CA', { timeZone: indiaZone });
}

/** 'dd/mm/yyyy' for a calendar date or an instant (its India day); anything else as it came. */
export function formatDate(date: string, _lang?: Lang): string {
  const day = calendarDatePattern.test(date) ? date : indiaDayOf(Date.parse(date));
  const match = calendarDatePattern.exec(day);
  if (!match) return date;
  const [, year, month, dayOfMonth] = match;
  return `${dayOfMonth}/${month}/${year}`;
}

/** 'dd/mm/yyyy, h:mm am' in India time. */
export function formatDateTime(instant: string, lang: Lang): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const time = new Date(ms).toLocaleTimeString(locales[lang], {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: indiaZone,
  });
  return `${formatDate(instant)}, ${time}`;
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
