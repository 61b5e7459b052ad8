/**
 * The last answer the server gave for each period (and district), kept for reading
 * offline by the account that fetched it. What is kept is exactly the checked answer:
 * counts, codes and months, never a name, phone, case number or token. Each is sealed under
 * her answers key (data/headquarters-vault.ts) with her user id and the period bound to it,
 * so on a lost tablet, or under another account, it opens as nothing. Only the newest few
 * are kept per account; her sign-out forgets hers.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { z } from '../../domain/zod.ts';
import type { AccountSeal } from '../../data/headquarters-vault.ts';
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
  /** Her kept answers only; another account's stay, as unreadable to her as before. */
  forgetAll(): Promise<void>;
}

const savedAnswerSchema = z.strictObject({
  answer: indicatorAnswerSchema,
  fetchedAt: z.iso.datetime(),
});

/** What is stored per answer: the sealed answer, and when it was kept (to prune the oldest). */
interface KeptAnswer {
  readonly sealed: Uint8Array;
  readonly keptAt: number;
}

const keptAnswers = 24;

export function openLastAnswers(
  seal: AccountSeal,
  store: UseStore = keptAnswersStore(),
): LastAnswers {
  const storeKeyOf = (query: IndicatorQuery) => `${seal.userId}|${keyOf(query)}`;
  const ownKeys = async () =>
    (await keys<string>(store)).filter(
      (key) => typeof key === 'string' && key.startsWith(`${seal.userId}|`),
    );
  return {
    read: async (query) => {
      const key = storeKeyOf(query);
      const kept = await get<unknown>(key, store);
      if (!isKeptAnswer(kept)) return null;
      const opened = await seal.open(kept.sealed, key);
      if (opened === null) return null;
      const parsed = savedAnswerSchema.safeParse(JSON.parse(opened));
      return parsed.success ? parsed.data : null;
    },
    keep: async (query, saved) => {
      const key = storeKeyOf(query);
      const sealed = await seal.seal(JSON.stringify(saved), key);
      // Finer than Date.now(), so answers kept in one millisecond still prune oldest first.
      const keptAt = performance.timeOrigin + performance.now();
      await set(key, { sealed, keptAt } satisfies KeptAnswer, store);
      await pruneOldest(store, await ownKeys());
    },
    forgetAll: async () => {
      await Promise.all((await ownKeys()).map((key) => del(key, store)));
    },
  };
}

/** Where every account's kept answers are, sealed. */
export function keptAnswersStore(): UseStore {
  return createStore('sakhi-reports', 'last-answers');
}

export function keyOf({ period, districtCode }: IndicatorQuery): string {
  return `${period.from}..${period.to}@${districtCode ?? 'state'}`;
}

function isKeptAnswer(value: unknown): value is KeptAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { sealed, keptAt } = value as Partial<KeptAnswer>;
  return ArrayBuffer.isView(sealed) && typeof keptAt === 'number';
}

async function pruneOldest(store: UseStore, own: readonly string[]): Promise<void> {
  if (own.length <= keptAnswers) return;
  const kept = await Promise.all(
    own.map(async (key) => {
      const value = await get<unknown>(key, store);
      return { key, keptAt: isKeptAnswer(value) ? value.keptAt : 0 };
    }),
  );
  const oldestFirst = kept.sort((a, b) => a.keptAt - b.keptAt);
  await Promise.all(
    oldestFirst.slice(0, kept.length - keptAnswers).map(({ key }) => del(key, store)),
  );
}
