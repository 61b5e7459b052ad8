/**
 * Staff roles. Centre roles work on their own centre's cases; headquarters roles (the
 * Women Welfare Department, महिला कल्याण विभाग) see all districts, de-identified.
 */
import type { CodeOf, VocabularyTerm } from './vocabulary.ts';

export const roles = [
  { code: 'manager', hi: 'केंद्र प्रबंधक', en: 'Centre manager' },
  { code: 'counsellor', hi: 'मनोवैज्ञानिक परामर्शदाता', en: 'Psychological counsellor' },
  { code: 'nurse', hi: 'पैरामेडिकल नर्स', en: 'Paramedical nurse' },
  { code: 'operator', hi: 'कंप्यूटर ऑपरेटर', en: 'Computer operator' },
  { code: 'caseworker', hi: 'केसवर्कर', en: 'Caseworker' },
  { code: 'state_admin', hi: 'राज्य प्रशासक (मुख्यालय)', en: 'State administrator (headquarters)' },
  { code: 'state_analyst', hi: 'राज्य विश्लेषक (मुख्यालय)', en: 'State analyst (headquarters)' },
] as const satisfies readonly VocabularyTerm[];

export type Role = CodeOf<typeof roles>;

export const centreRoles = [
  'manager',
  'counsellor',
  'nurse',
  'operator',
  'caseworker',
] as const satisfies readonly Role[];

export const headquartersRoles = [
  'state_admin',
  'state_analyst',
] as const satisfies readonly Role[];
