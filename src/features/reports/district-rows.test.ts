import { describe, expect, it } from 'vitest';
import {
  buildDistrictRows,
  countPer100k,
  filterDistrictRows,
  sortDistrictRows,
} from './district-rows.ts';
import { buildAnswer } from './report-fixtures.testing.ts';

describe('buildDistrictRows', () => {
  it('has all 75 districts, with cases and the flag for those that sent nothing', () => {
    const rows = buildDistrictRows(buildAnswer(), 'en');
    expect(rows).toHaveLength(75);
    const agra = rows.find((row) => row.code === 'AGR');
    expect(agra).toEqual({
      code: 'AGR',
      name: 'Agra',
      cases: 9,
      casesPer100k: 0.2,
      hasNoData: false,
    });
    expect(rows.find((row) => row.code === 'ALG')?.hasNoData).toBe(true);
    expect(rows.filter((row) => !row.hasNoData).map((row) => row.code)).toEqual(['AGR', 'LKO']);
  });

  it('names districts in Hindi on a Hindi screen', () => {
    expect(buildDistrictRows(buildAnswer(), 'hi').find((row) => row.code === 'LKO')?.name).toBe(
      'लखनऊ',
    );
  });
});

describe('countPer100k', () => {
  it('divides by the population in hundred-thousands, to one decimal', () => {
    // 4.4 million people = 44 × 100,000; 220 cases → 5.0 per 100,000
    expect(countPer100k(220, 4.4)).toBe(5);
    expect(countPer100k(16629, 199.8)).toBe(8.3);
    expect(countPer100k(1, 3)).toBe(0);
  });

  it('gives no rate for a district without a population on record', () => {
    expect(countPer100k(5, 0)).toBeNull();
  });
});

describe('filterDistrictRows', () => {
  const rows = buildDistrictRows(buildAnswer(), 'hi');

  it('finds a district by its Hindi or English name, or its code, in any case', () => {
    expect(filterDistrictRows(rows, 'लखनऊ').map((row) => row.code)).toEqual(['LKO']);
    expect(filterDistrictRows(rows, 'lucknow').map((row) => row.code)).toEqual(['LKO']);
    expect(filterDistrictRows(rows, ' LKO ').map((row) => row.code)).toEqual(['LKO']);
  });

  it('keeps every row for an empty query, and none for a name that is no district', () => {
    expect(filterDistrictRows(rows, '  ')).toHaveLength(75);
    expect(filterDistrictRows(rows, 'Mumbai')).toEqual([]);
  });
});

describe('sortDistrictRows', () => {
  const rows = buildDistrictRows(buildAnswer(), 'en');

  it('sorts by cases, most first, ties by name', () => {
    const sorted = sortDistrictRows(rows, { key: 'cases', isDescending: true }, 'en');
    expect(sorted.slice(0, 3).map((row) => row.code)).toEqual(['AGR', 'LKO', 'ALG']);
  });

  it('sorts by cases per 100,000 people', () => {
    const sorted = sortDistrictRows(rows, { key: 'casesPer100k', isDescending: true }, 'en');
    // Agra 9 / 44 = 0.2, Lucknow 3 / 46 = 0.1
    expect(sorted.slice(0, 2).map((row) => row.code)).toEqual(['AGR', 'LKO']);
  });

  it('sorts by name either way', () => {
    const ascending = sortDistrictRows(rows, { key: 'name', isDescending: false }, 'en');
    expect(ascending[0]?.name).toBe('Agra');
    const descending = sortDistrictRows(rows, { key: 'name', isDescending: true }, 'en');
    expect(descending[0]?.name).toBe('Varanasi');
  });
});
