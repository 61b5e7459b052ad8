/**
 * The state dashboard's district table: all 75 districts, whatever the answer holds, with
 * cases per 100,000 people from the 2011 census population (approximate: rounded to
 * 0.1 million in src/domain/districts.ts), and a flag for a district whose centre sent
 * nothing for the period — a 0 there means "no figures", not "no violence".
 */
import { districts } from '../../domain/districts.ts';
import type { IndicatorAnswer } from '../../domain/report-indicators.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export interface DistrictRow {
  readonly code: string;
  readonly name: string;
  readonly cases: number;
  /** One decimal; null when the district has no population on record. */
  readonly casesPer100k: number | null;
  readonly hasNoData: boolean;
}

export type DistrictSortKey = 'name' | 'cases' | 'casesPer100k';

export interface DistrictSort {
  readonly key: DistrictSortKey;
  readonly isDescending: boolean;
}

export function buildDistrictRows(answer: IndicatorAnswer, lang: Lang): DistrictRow[] {
  const withoutData = new Set(answer.districtsWithoutData);
  return districts.map((district) => {
    const cases = answer.report.byDistrict[district.code] ?? 0;
    return {
      code: district.code,
      name: district[lang],
      cases,
      casesPer100k: countPer100k(cases, district.populationMillions),
      hasNoData: withoutData.has(district.code),
    };
  });
}

export function countPer100k(cases: number, populationMillions: number): number | null {
  if (!(populationMillions > 0)) return null;
  // cases / (millions × 10⁶) × 10⁵ = cases / (millions × 10)
  return Math.round((cases / (populationMillions * 10)) * 10) / 10;
}

/** Matches the name in either script or the code, so a Hindi screen finds "Agra" too. */
export function filterDistrictRows(rows: readonly DistrictRow[], query: string): DistrictRow[] {
  const wanted = query.trim().toLocaleLowerCase();
  if (!wanted) return [...rows];
  return rows.filter((row) => {
    const district = districts.find((candidate) => candidate.code === row.code);
    return [row.code, row.name, district?.hi ?? '', district?.en ?? ''].some((text) =>
      text.toLocaleLowerCase().includes(wanted),
    );
  });
}

export function sortDistrictRows(
  rows: readonly DistrictRow[],
  sort: DistrictSort,
  lang: Lang,
): DistrictRow[] {
  const collator = new Intl.Collator(lang === 'hi' ? 'hi-IN' : 'en-IN');
  const direction = sort.isDescending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const order =
      sort.key === 'name'
        ? collator.compare(a.name, b.name)
        : (a[sort.key] ?? -1) - (b[sort.key] ?? -1);
    return order !== 0 ? order * direction : collator.compare(a.name, b.name);
  });
}
