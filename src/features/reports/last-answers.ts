/**
 * The last answer the server gave for each period (and district), kept for reading
 * offline. What is kept is exactly the checked answer: counts, codes and months, never a
 * name, phone, case number or token, so a lost tablet leaks no person from here. Only the
 * newest few are kept; sign-out forgets them all.
 */
import { clear, createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import { indicatorAnswerSchema, type IndicatorAnswer } from '../../domain/report-indicators.ts';
import type { IndicatorQuery } from './reports-client.ts';

export interface SavedAnswer {
  readonly answer: IndicatorAnswer;
  /** When the server gave it, as an ISO instant. */
  readonly fetchedAt: string;
}

export interface LastAnswers {
  read(query: IndicatorQuery): Promise<SavedAnswer | null>;
  keep(query: IndicatorQuery, saved: SavedAnswer): Promise<void>;
  forgetAll(): Promise<void>;
}

const savedAnswerSchema = z.strictObject({
  answer: indicatorAnswerSchema,
  fetchedAt: z.iso.datetime(),
});

const keptAnswers = 24;

export function openLastAnswers(
  store: UseStore = createStore('sakhi-reports', 'last-answers'),
): LastAnswers {
  return {
    read: async (query) => {
      const parsed = savedAnswerSchema.safeParse(await get(keyOf(query), store));
      return parsed.success ? parsed.data : null;
    },
    keep: async (query, saved) => {
      await set(keyOf(query), saved, store);
      await pruneOldest(store);
    },
    forgetAll: () => clear(store),
  };
}

export function keyOf({ period, districtCode }: IndicatorQuery): string {
  return `${period.from}..${period.to}@${districtCode ?? 'state'}`;
}

async function pruneOldest(store: UseStore): Promise<void> {
  const kept = await entries<string, unknown>(store);
  if (kept.length <= keptAnswers) return;
  const fetchedAtOf = (value: unknown) => {
    const parsed = savedAnswerSchema.safeParse(value);
    return parsed.success ? parsed.data.fetchedAt : '';
  };
  const oldestFirst = kept.sort(([, a], [, b]) => fetchedAtOf(a).localeCompare(fetchedAtOf(b)));
  await Promise.all(
    oldestFirst.slice(0, kept.length - keptAnswers).map(([key]) => del(key, store)),
  );
}
