/**
 * A vocabulary is a closed list of codes with a Hindi and an English label each.
 *
 * Codes are what records store and what sync, the server and reports compare; labels are
 * only ever shown. So a code, once released, never changes meaning and is never reused:
 * a term that goes out of use stays in its list so old cases still read correctly.
 */
export type Lang = 'hi' | 'en';

export const langs = ['hi', 'en'] as const satisfies readonly Lang[];

export interface VocabularyTerm {
  /** snake_case (district codes: three capitals); stored in records, never shown. */
  readonly code: string;
  /** Label in Hindi, Devanagari script, as the UP government's own notices word it. */
  readonly hi: string;
  readonly en: string;
}

export type Vocabulary = readonly VocabularyTerm[];

/** The union of a vocabulary's codes, e.g. `CodeOf<typeof riskLevels>` = 'low' | 'medium' | 'high'. */
export type CodeOf<V extends Vocabulary> = V[number]['code'];

export function codesOf<const V extends Vocabulary>(vocabulary: V): CodeOf<V>[] {
  return vocabulary.map((term): CodeOf<V> => term.code);
}

/**
 * The label to show for a code. An unknown code (written by a newer app version, or data
 * from before a term existed) shows as the code itself rather than breaking the screen.
 */
export function labelOf<const V extends Vocabulary>(
  vocabulary: V,
  code: CodeOf<V>,
  lang: Lang,
): string {
  const term = vocabulary.find((candidate) => candidate.code === code);
  return term ? term[lang] : code;
}
