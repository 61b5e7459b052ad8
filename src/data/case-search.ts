/**
 * The case list: search by name, phone or case number (search-keys.ts), filters, and
 * possible earlier cases of the same woman. Every lookup is an index range query; rows
 * are fetched only for the page being shown.
 *
 * Order: newest first. A selective search collects matching case ids from the index and
 * sorts them descending: case ids are UUIDv7 made at registration from the corrected
 * clock, so id order is registration order without reading a row. The first one or two
 * letters of a name go through the `s:` keys, which the index already holds newest first
 * (search-keys.ts). The unfiltered list,
 * and a search too broad for the index to help (see maxIndexHits), walk the registeredAt
 * index backwards and test each case against the same keys.
 */
import { indiaDateOf } from '../domain/india-time.ts';
import { nameKeys } from '../domain/name-key.ts';
import type { CaseFilter, CaseSummary } from './case-store.ts';
import type { CaseRow, SakhiDatabase } from './database.ts';
import { toCaseSummary } from './row-columns.ts';
import {
  matchesPlan,
  maxShortPrefix,
  planSearch,
  shortPrefixKey,
  type SearchPlan,
} from './search-keys.ts';
import { toStoreError } from './store-errors.ts';

export const defaultSearchLimit = 100;

export async function searchCases(
  db: SakhiDatabase,
  now: Date,
  query: string,
  filter: CaseFilter = {},
  limit = defaultSearchLimit,
  maxHits = maxIndexHits,
): Promise<CaseSummary[]> {
  const today = indiaDateOf(now);
  try {
    return await db.transaction('r', db.cases, async () => {
      const plan = planSearch(query);
      const keep = (row: CaseRow) => row.isRemoved === 0 && matchesFilter(row, filter, today);
      let rows: CaseRow[];
      if (plan.nameKeys.length === 0 && plan.exactPrefixes.length === 0) {
        rows = await listByFilter(db, filter, today, keep, limit);
      } else {
        const isMatch = (row: CaseRow) => keep(row) && matchesPlan(plan, row.searchKeys);
        const nameKey = longestKey(plan.nameKeys);
        if (plan.exactPrefixes.length === 0 && nameKey.length <= maxShortPrefix) {
          rows = await pageByShortPrefix(db, nameKey, limit, isMatch);
        } else {
          const ids = await candidateIds(db, plan, maxHits);
          rows =
            ids === null
              ? await db.cases
                  .orderBy('registeredAt')
                  .reverse()
                  .filter(isMatch)
                  .limit(limit)
                  .toArray()
              : await fetchPage(db, ids, limit, isMatch);
        }
      }
      return rows.map((row) => toCaseSummary(row, today));
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Cases that may be the same woman: the same phone, or a name whose words (by phonetic
 * key) all appear in the other's name or alias, either way round: `Sunita` and `सुनीता
 * देवी` are flagged, `Sunita Devi` and `Sunita Yadav` are not.
 */
export async function findPossibleDuplicates(
  db: SakhiDatabase,
  now: Date,
  probe: { survivorName: string; survivorPhone: string | null },
  limit = 20,
): Promise<CaseSummary[]> {
  const today = indiaDateOf(now);
  const keys = nameKeys(probe.survivorName);
  try {
    return await db.transaction('r', db.cases, async () => {
      const lookups = [
        ...(probe.survivorPhone ? [`p:${probe.survivorPhone}`] : []),
        ...[keys[0], keys[keys.length - 1]]
          .filter((key) => key !== undefined)
          .map((key) => `n:${key}`),
      ];
      if (lookups.length === 0) return [];
      const ids = await db.cases.where('searchKeys').anyOf(lookups).primaryKeys();
      const phoneKey = `p:${probe.survivorPhone}`;
      const rows = await fetchPage(db, [...new Set(ids)].sort().reverse(), limit, (row) => {
        if (row.isRemoved === 1) return false;
        if (probe.survivorPhone && row.searchKeys.includes(phoneKey)) return true;
        return isSameNameByKeys(keys, row.searchKeys);
      });
      return rows.map((row) => toCaseSummary(row, today));
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

function isSameNameByKeys(probeKeys: readonly string[], caseKeys: readonly string[]): boolean {
  if (probeKeys.length === 0) return false;
  const theirs = new Set(caseKeys.filter((key) => key.startsWith('n:')).map((key) => key.slice(2)));
  const ours = new Set(probeKeys);
  return [...ours].every((key) => theirs.has(key)) || [...theirs].every((key) => ours.has(key));
}

function matchesFilter(row: CaseRow, filter: CaseFilter, today: string): boolean {
  if (filter.status !== undefined && row.status !== filter.status) return false;
  if (filter.riskLevel !== undefined && row.riskLevel !== filter.riskLevel) return false;
  if (filter.isInStay !== undefined && (row.isInStay === 1) !== filter.isInStay) return false;
  if (filter.isFollowUpOverdue !== undefined) {
    const isOverdue = row.nextFollowUpDue !== null && row.nextFollowUpDue < today;
    if (isOverdue !== filter.isFollowUpOverdue) return false;
  }
  return true;
}

/**
 * Above this many index hits, a query is so unselective (one or two letters) that walking
 * the newest cases and testing each finds a page sooner than collecting every hit: with
 * 1,000 of 20,000 cases matching, a page of 50 is found within about 1,000 rows.
 */
export const maxIndexHits = 1_000;

/** Ids of cases some lookup of the plan matches, newest first; null when there are too many. */
async function candidateIds(
  db: SakhiDatabase,
  plan: SearchPlan,
  maxHits: number,
): Promise<string[] | null> {
  const prefixes = [...plan.exactPrefixes];
  // The longest key is the most selective; matchesPlan checks the other words.
  if (plan.nameKeys.length > 0) prefixes.push(`n:${longestKey(plan.nameKeys)}`);
  const ids = new Set<string>();
  for (const prefix of prefixes) {
    const hits = await db.cases
      .where('searchKeys')
      .startsWith(prefix)
      .limit(maxHits + 1)
      .primaryKeys();
    if (hits.length > maxHits) return null;
    for (const id of hits) ids.add(id);
  }
  return [...ids].sort().reverse();
}

function longestKey(keys: readonly string[]): string {
  return keys.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Newest first through the `s:` keys of a one- or two-letter name key, a chunk at a time. */
async function pageByShortPrefix(
  db: SakhiDatabase,
  prefix: string,
  limit: number,
  keep: (row: CaseRow) => boolean,
): Promise<CaseRow[]> {
  const upper = `${shortPrefixKey(prefix, '')}\uffff`;
  const page: CaseRow[] = [];
  let lower = shortPrefixKey(prefix, '');
  while (page.length < limit) {
    const ids = await db.cases
      .where('searchKeys')
      .between(lower, upper, false, false)
      .limit(Math.max(limit, 25))
      .primaryKeys();
    if (ids.length === 0) break;
    for (const row of await db.cases.bulkGet(ids)) {
      if (row && keep(row)) page.push(row);
      if (page.length === limit) break;
    }
    lower = shortPrefixKey(prefix, ids[ids.length - 1]!);
  }
  return page;
}

/** Rows for sorted ids, fetched a chunk at a time, until `limit` pass `keep`. */
async function fetchPage(
  db: SakhiDatabase,
  ids: readonly string[],
  limit: number,
  keep: (row: CaseRow) => boolean,
): Promise<CaseRow[]> {
  const page: CaseRow[] = [];
  const chunk = Math.max(limit, 25);
  for (let start = 0; start < ids.length && page.length < limit; start += chunk) {
    const rows = await db.cases.bulkGet(ids.slice(start, start + chunk));
    for (const row of rows) {
      if (row && keep(row)) page.push(row);
      if (page.length === limit) break;
    }
  }
  return page;
}

/** The list with no query: through the most selective filter's index, else newest first. */
async function listByFilter(
  db: SakhiDatabase,
  filter: CaseFilter,
  today: string,
  keep: (row: CaseRow) => boolean,
  limit: number,
): Promise<CaseRow[]> {
  let indexed;
  if (filter.isInStay === true) indexed = db.cases.where('isInStay').equals(1);
  else if (filter.isFollowUpOverdue === true)
    indexed = db.cases.where('nextFollowUpDue').below(today);
  else if (filter.riskLevel !== undefined)
    indexed = db.cases.where('riskLevel').equals(filter.riskLevel);
  else if (filter.status !== undefined) indexed = db.cases.where('status').equals(filter.status);
  if (indexed === undefined) {
    return db.cases.orderBy('registeredAt').reverse().filter(keep).limit(limit).toArray();
  }
  const ids = (await indexed.primaryKeys()).sort().reverse();
  return fetchPage(db, ids, limit, keep);
}
