import { describe, expect, it } from 'vitest';
import type { VocabularyTerm } from './vocabulary.ts';
import * as caseVocabularies from './vocabularies-case.ts';
import * as entryVocabularies from './vocabularies-entries.ts';
import * as problemVocabularies from './vocabularies-problems.ts';
import * as staffVocabularies from './vocabularies-staff.ts';
import { centreRoles, headquartersRoles, roles } from './vocabularies-staff.ts';

function isVocabulary(value: unknown): value is readonly VocabularyTerm[] {
  return (
    Array.isArray(value) &&
    value.every((term) => typeof term === 'object' && term !== null && 'code' in term)
  );
}

// Every exported list of terms, found rather than listed, so a new vocabulary is checked
// without anyone remembering to add it here.
const vocabularies: [string, readonly VocabularyTerm[]][] = [];
for (const [name, value] of Object.entries({
  ...caseVocabularies,
  ...entryVocabularies,
  ...problemVocabularies,
  ...staffVocabularies,
})) {
  if (isVocabulary(value)) vocabularies.push([name, value]);
}

const devanagari = /[\u0900-\u097F]/;
const snakeCase = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

describe('vocabularies', () => {
  it('are all found by this test', () => {
    const names = vocabularies.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'roles',
        'arrivalRoutes',
        'violenceTypes',
        'maritalStatuses',
        'educationLevels',
        'occupations',
        'perpetratorRelationships',
        'riskLevels',
        'caseStatuses',
        'closureReasons',
        'consentGivers',
        'minorSteps',
        'serviceKinds',
        'referralAgencies',
        'referralStatuses',
        'followUpModes',
        'dischargeDestinations',
        'caseProblems',
        'stayProblems',
        'serviceProblems',
      ]),
    );
  });

  describe.each(vocabularies)('%s', (_name, vocabulary) => {
    it('has terms', () => {
      expect(vocabulary.length).toBeGreaterThan(0);
    });

    it('has unique snake_case codes', () => {
      const codes = vocabulary.map((term) => term.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(snakeCase);
    });

    it('has a Hindi label in Devanagari and an English label for every code', () => {
      for (const term of vocabulary) {
        expect(term.hi, term.code).toMatch(devanagari);
        expect(term.hi.trim(), term.code).toBe(term.hi);
        expect(term.en.trim(), term.code).not.toBe('');
        expect(term.en, term.code).not.toMatch(devanagari);
      }
    });
  });
});

describe('roles', () => {
  it('are exactly the seven roles of the design', () => {
    expect(roles.map((role) => role.code)).toEqual([
      'manager',
      'counsellor',
      'nurse',
      'operator',
      'caseworker',
      'state_admin',
      'state_analyst',
    ]);
  });

  it('are each either a centre role or a headquarters role, never both', () => {
    const split: string[] = [...centreRoles, ...headquartersRoles].sort();
    expect(split).toEqual(roles.map((role) => role.code).sort());
  });
});

describe('vocabularies the design names', () => {
  it('include every violence type the centres record', () => {
    const codes = caseVocabularies.violenceTypes.map((term) => term.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'physical',
        'sexual',
        'rape',
        'sexual_harassment',
        'domestic_violence',
        'dowry',
        'psychological',
        'economic',
        'trafficking',
        'acid_attack',
        'child_marriage',
        'cyber_crime',
        'witch_hunting',
        'honour_related',
      ]),
    );
  });

  it('use the case statuses sync and reports rely on', () => {
    const codes = caseVocabularies.caseStatuses.map((term) => term.code);
    expect(codes).toEqual(['open', 'in_stay', 'referred', 'closed']);
  });
});
