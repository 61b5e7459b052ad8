import { describe, expect, it } from 'vitest';
import { arrivalRoutes } from './vocabularies-case.ts';
import {
  ageGroupOf,
  ageGroups,
  arrivalRouteGroupOf,
  arrivalRouteGroups,
  reportPeriodSchema,
} from './report-indicators.ts';

describe('ageGroupOf', () => {
  it.each([
    [null, 'unknown'],
    [0, 'under_18'],
    [17, 'under_18'],
    [18, '18_to_29'],
    [29, '18_to_29'],
    [30, '30_to_44'],
    [44, '30_to_44'],
    [45, '45_to_59'],
    [59, '45_to_59'],
    [60, '60_and_over'],
    [120, '60_and_over'],
  ] as const)('puts age %s in %s', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });

  it('names only groups of the vocabulary', () => {
    const codes = ageGroups.map((group) => group.code as string);
    for (let age = 0; age <= 120; age++) expect(codes).toContain(ageGroupOf(age));
  });
});

describe('arrivalRouteGroupOf', () => {
  it.each([
    ['helpline_181', 'helpline_181'],
    ['police', 'police'],
    ['walk_in', 'self'],
    ['hospital', 'hospital'],
    ['helpline_112', 'other'],
    ['family', 'other'],
    ['other', 'other'],
  ] as const)('groups %s under %s', (route, group) => {
    expect(arrivalRouteGroupOf(route)).toBe(group);
  });

  it('puts every arrival route in one of the five groups', () => {
    const groups = arrivalRouteGroups.map((group) => group.code as string);
    for (const { code } of arrivalRoutes) expect(groups).toContain(arrivalRouteGroupOf(code));
  });
});

describe('reportPeriodSchema', () => {
  it('takes whole months in order and refuses the rest', () => {
    expect(reportPeriodSchema.safeParse({ from: '2020-01', to: '2020-12' }).success).toBe(true);
    expect(reportPeriodSchema.safeParse({ from: '2020-12', to: '2020-01' }).success).toBe(false);
    expect(reportPeriodSchema.safeParse({ from: '2020-13', to: '2020-12' }).success).toBe(false);
  });
});
