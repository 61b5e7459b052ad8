/**
 * What the case list's search index holds for a case, and how a typed query becomes
 * index lookups. Kept small and free of Dexie so it can move into memory (see below).
 *
 * Keys, each a prefix-searchable string in the multiEntry `searchKeys` index:
 *   n:<key>     the phonetic key (domain/name-key.ts) of each word of her name and alias;
 *               a query word matches when its key starts one of these;
 *   p:<digits>  every suffix of her phone of 4 digits or more, so both the start
 *               (98765…) and the end (…3210) of a number find her;
 *   c:<text>    the case number, its tail from the device tag (K7-0042) and its serial
 *               (0042 and 42);
 *   s:<1 or 2 letters>:<id, newest first>  the first one and two letters of each name
 *               word's key, then the case id with its hex digits inverted: the first
 *               letters typed match thousands of cases, and these keys let the index
 *               hand back the newest few of them in order, without collecting all.
 * Search-as-you-type is then one index range query per lookup (`startsWith`), never a
 * scan of the cases.
 *
 * TODO(until sealing at rest lands): names and phones are identifying and will be sealed
 * at rest (docs/design.md, "Not built yet"); an index must then hold only ids, dates, codes and status.
 * Phonetic name keys are coarse (many women share one) but not nothing, and phone
 * suffixes are as identifying as the phone. When sealing lands, `n:` and `p:` keys leave
 * the stored row: after unlock the app decrypts names and phones once into an in-memory
 * Map<key, caseId[]> built with these same functions, and search consults that map;
 * only `c:` keys (case numbers identify no one without the file) stay in IndexedDB.
 */
import { parseCaseNumber } from '../domain/case-number.ts';
import { devanagariToLatin, nameKeys } from '../domain/name-key.ts';

export interface SearchableCase {
  readonly id: string;
  readonly survivorName: string;
  readonly survivorAlias: string | null;
  readonly survivorPhone: string | null;
  readonly caseNumber: string;
}

const minPhoneDigits = 4;

/** Query keys this short use the `s:` keys (see the header). */
export const maxShortPrefix = 2;

/** Inverting each hex digit makes ascending key order newest-first id order (ids are UUIDv7). */
export function shortPrefixKey(prefix: string, caseId: string): string {
  const inverted = caseId.replace(/[0-9a-f]/g, (digit) => (15 - parseInt(digit, 16)).toString(16));
  return `s:${prefix}:${inverted}`;
}

export function caseSearchKeys(c: SearchableCase): string[] {
  const keys = new Set<string>();
  for (const key of nameKeys(`${c.survivorName} ${c.survivorAlias ?? ''}`)) {
    keys.add(`n:${key}`);
    for (let length = 1; length <= Math.min(maxShortPrefix, key.length); length++) {
      keys.add(shortPrefixKey(key.slice(0, length), c.id));
    }
  }
  const phone = c.survivorPhone ?? '';
  for (let start = 0; start <= phone.length - minPhoneDigits; start++) {
    keys.add(`p:${phone.slice(start)}`);
  }
  keys.add(`c:${c.caseNumber}`);
  const parts = parseCaseNumber(c.caseNumber);
  if (parts) {
    const serial = c.caseNumber.slice(c.caseNumber.lastIndexOf('-') + 1);
    keys.add(`c:${parts.deviceTag}-${serial}`);
    keys.add(`c:${serial}`);
    keys.add(`c:${String(parts.serial)}`);
  }
  return [...keys];
}

/** How to look a typed query up; any lookup that matches lists the case. */
export interface SearchPlan {
  /** Each query word's key; all must start some `n:` key of a case. */
  readonly nameKeys: readonly string[];
  /** `p:` and `c:` prefixes, each enough on its own. */
  readonly exactPrefixes: readonly string[];
}

export function planSearch(query: string): SearchPlan {
  // Devanagari digits become ASCII, so ९८७६ finds a phone saved as 9876…
  const text = devanagariToLatin(query.trim()).normalize('NFC');
  const exactPrefixes: string[] = [];
  const digits = text.replace(/[\s+()-]/g, '');
  if (/^\d+$/.test(digits)) {
    const phone = digits.length > 10 ? digits.replace(/^(?:0091|91|0)/, '') : digits;
    // One or two digits would match most phones and serials: wait for a third.
    if (digits.length < 3) return { nameKeys: [], exactPrefixes };
    exactPrefixes.push(`p:${phone}`, `c:${digits}`);
    return { nameKeys: [], exactPrefixes };
  }
  if (/\d/.test(text) && /^[A-Za-z0-9-]+$/.test(text)) {
    exactPrefixes.push(`c:${text.toUpperCase()}`);
  }
  return { nameKeys: nameKeys(query), exactPrefixes };
}

/** Whether a case's stored keys satisfy the query: one exact prefix, or every name word. */
export function matchesPlan(plan: SearchPlan, caseKeys: readonly string[]): boolean {
  const hasKeyStarting = (prefix: string) => caseKeys.some((key) => key.startsWith(prefix));
  if (plan.exactPrefixes.some(hasKeyStarting)) return true;
  return plan.nameKeys.length > 0 && plan.nameKeys.every((key) => hasKeyStarting(`n:${key}`));
}
