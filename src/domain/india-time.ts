/**
 * Dates and instants, the two ways Sakhi records time.
 *
 * - A calendar date ('YYYY-MM-DD': date of birth, incident date, due dates) is a day in
 *   India time, as staff and she would name it. It has no time zone and no time of day.
 * - An instant (ISO-8601 in UTC with `Z`: registered at, given at, admitted at) is a
 *   moment, written by the tablet's corrected clock.
 *
 * India has one time zone, UTC+5:30, with no daylight saving, so the day of an instant
 * needs no time-zone database: a fixed offset is exact.
 */
import { z } from './zod.ts';

export const calendarDateSchema = z.iso.date();
export type CalendarDate = z.infer<typeof calendarDateSchema>;

export const instantSchema = z.iso.datetime();
export type Instant = z.infer<typeof instantSchema>;

const indiaOffsetMs = (5 * 60 + 30) * 60_000;
const dayMs = 24 * 60 * 60_000;

/** The calendar day in India on which an instant falls. */
export function indiaDateOf(instant: Instant | Date): CalendarDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + indiaOffsetMs).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/**
 * Completed years from one date to a later one, as an age is counted: someone born on
 * 29 February turns a year older on 1 March in common years. Negative if `to` is earlier.
 */
export function wholeYearsBetween(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return -wholeYearsBetween(to, from);
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}
