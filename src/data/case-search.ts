/**
 * The case list: search by name, phone or case number (search-keys.ts), filters, and
 * possible earlier cases of the same woman, all over the in-memory case directory
 * (case-directory.ts): names and phones are sealed at rest, so no IndexedDB index holds
 * them, and a keystroke never opens a stored row.
 *
 * Order: newest first. Case ids are UUIDv7 made at registration from the corrected clock,
 * so id order is registration order; the directory keeps its cases in that order, and a
 * search walks it until a page is full.
 */
import { indiaDateOf } from '../domain/india-time.ts';
import { joinedNameKey, joinedRunKeys, nameKeys } from '../domain/name-key.ts';
import type { CaseDirectory, DirectoryCase } from './case-directory.ts';
import type { CaseFilter, CaseSummary } from './case-store.ts';
import { toCaseSummary } from './row-columns.ts';
import { matchesPlan, planSearch } from './search-keys.ts';

export const defaultSearchLimit = 100;

export function searchCases(
  directory: CaseDirectory,
  now: Date,
  query: string,
  filter: CaseFilter = {},
  limit = defaultSearchLimit,
): CaseSummary[] {
  const today = indiaDateOf(now);
  const plan = planSearch(query);
  const hasQuery = plan.nameKeys.length > 0 || plan.exactPrefixes.length > 0;
  const page: CaseSummary[] = [];
  for (const entry of directory.newestFirst()) {
    if (page.length >= limit) break;
    if (entry.isRemoved === 1 || !matchesFilter(entry, filter, today)) continue;
    if (hasQuery && !matchesPlan(plan, entry.searchKeys)) continue;
    page.push(toCaseSummary(entry, today));
  }
  return page;
}

/**
 * Cases that may be the same woman: the same phone, or a name whose words (by phonetic
 * key) all appear in the other's name or alias, either way round: `Sunita` and `सुनीता
 * देवी` are flagged, `Sunita Devi` and `Sunita Yadav` are not.
 */
export function findPossibleDuplicates(
  directory: CaseDirectory,
  now: Date,
  probe: { survivorName: string; survivorPhone: string | null },
  limit = 20,
): CaseSummary[] {
  const today = indiaDateOf(now);
  const keys = nameKeys(probe.survivorName);
  if (keys.length === 0 && !probe.survivorPhone) return [];
  const joined = joinedLookups(probe.survivorName);
  const phoneKey = `p:${probe.survivorPhone}`;
  const page: CaseSummary[] = [];
  for (const entry of directory.newestFirst()) {
    if (page.length >= limit) break;
    if (entry.isRemoved === 1) continue;
    const isSamePhone = Boolean(probe.survivorPhone) && entry.searchKeys.includes(phoneKey);
    const isSameName =
      isSameNameByKeys(keys, entry.searchKeys) ||
      joined.some((lookup) => entry.searchKeys.includes(lookup));
    if (isSamePhone || isSameName) {
      page.push(toCaseSummary(entry, today));
    }
  }
  return page;
}

/**
 * The directory keys that, if a case has one, make her name the probe's but for where the
 * spaces fall: the probe written as one word is a run of her name's words, or she wrote as
 * one word a run of the probe's.
 */
function joinedLookups(name: string): string[] {
  const whole = joinedNameKey(name);
  if (whole.length === 0) return [];
  return [`w:${whole}`, `j:${whole}`, ...joinedRunKeys(name).map((run) => `w:${run}`)];
}

function isSameNameByKeys(probeKeys: readonly string[], caseKeys: readonly string[]): boolean {
  if (probeKeys.length === 0) return false;
  const theirs = new Set(caseKeys.filter((key) => key.startsWith('n:')).map((key) => key.slice(2)));
  // As the index lookup did before: her first or last name word must be among theirs.
  if (!theirs.has(probeKeys[0]!) && !theirs.has(probeKeys[probeKeys.length - 1]!)) return false;
  const ours = new Set(probeKeys);
  return [...ours].every((key) => theirs.has(key)) || [...theirs].every((key) => ours.has(key));
}

function matchesFilter(entry: DirectoryCase, filter: CaseFilter, today: string): boolean {
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.riskLevel !== undefined && entry.riskLevel !== filter.riskLevel) return false;
  if (filter.assignedTo !== undefined && !entry.assignedStaffIds.includes(filter.assignedTo)) {
    return false;
  }
  if (filter.isInStay !== undefined && (entry.isInStay === 1) !== filter.isInStay) return false;
  if (filter.isFollowUpOverdue !== undefined) {
    const isOverdue = entry.nextFollowUpDue !== null && entry.nextFollowUpDue < today;
    if (isOverdue !== filter.isFollowUpOverdue) return false;
  }
  return true;
}
