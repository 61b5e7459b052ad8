/**
 * A range of days as she picks them, in India time, turned into the instants the API
 * filters on: from that day's midnight IST, to the midnight after the last day (so the
 * whole last day is in). An empty side is open.
 */
import { addDays, calendarDateSchema } from '../../domain/india-time.ts';

export function indiaDayRange(
  fromDate: string,
  toDate: string,
): { from: string | null; to: string | null } | null {
  const from = fromDate ? indiaMidnight(fromDate) : null;
  const to = toDate ? indiaMidnight(toDate, 1) : null;
  if ((fromDate && !from) || (toDate && !to)) return null;
  if (from && to && from >= to) return null;
  return { from, to };
}

function indiaMidnight(date: string, plusDays = 0): string | null {
  if (!calendarDateSchema.safeParse(date).success) return null;
  return new Date(`${addDays(date, plusDays)}T00:00:00+05:30`).toISOString();
}
