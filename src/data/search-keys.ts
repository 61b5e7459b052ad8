/**
 * What the case directory (case-directory.ts) holds as search keys for a case, and how a
 * typed query is matched against them. Names and phones are sealed at rest, so these keys
 * live only in memory while the app is unlocked, never in IndexedDB.
 *
 * Keys, each matched by prefix:
 *   n:<key>     the phonetic key (domain/name-key.ts) of each word of her name and alias;
 *               a query word matches when its key starts one of these;
 *   p:<digits>  every suffix of her phone of 4 digits or more, so both the start
 *               (98765…) and the end (…3210) of a number find her;
 *   c:<text>    the case number, its tail from the device tag (K7-0042) and its serial
 *               (0042 and 42).
 * And, for the duplicate check only (matched whole, never by prefix):
 *   w:<key>     the joined key (domain/name-key.ts) of her name, and of her alias;
 *   j:<key>     the joined key of every run of two or more neighbouring words of each.
 */
import { parseCaseNumber } from '../domain/case-number.ts';
import { devanagariToLatin, joinedNameKey, joinedRunKeys, nameKeys } from '../domain/name-key.ts';

export interface SearchableCase {
  readonly id: string;
  readonly survivorName: string;
  readonly survivorAlias: string | null;
  readonly survivorPhone: string | null;
  readonly caseNumber: string;
}

const minPhoneDigits = 4;

export function caseSearchKeys(c: SearchableCase): string[] {
  const keys = new Set<string>();
  for (const key of nameKeys(`${c.survivorName} ${c.survivorAlias ?? ''}`)) {
    keys.add(`n:${key}`);
  }
  for (const name of [c.survivorName, c.survivorAlias ?? '']) {
    const whole = joinedNameKey(name);
    if (whole.length > 0) keys.add(`w:${whole}`);
    for (const run of joinedRunKeys(name)) keys.add(`j:${run}`);
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
