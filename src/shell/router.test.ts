import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router.ts';

describe('routes', () => {
  it.each([
    [paths.tablets, 'tablets'],
    [paths.changePin, 'changePin'],
    [`${paths.tablets}/`, 'tablets'],
    [paths.syncStatus, 'syncStatus'],
    ['/tablets/extra', 'notFound'],
    [paths.centreReport, 'centreReport'],
    [paths.stateDashboard, 'stateDashboard'],
    ['/state/districts', 'notFound'],
  ])('%s opens %s', (path, name) => {
    expect(parseRoute(path).name).toBe(name);
  });

  it('a case deep link keeps its id', () => {
    expect(parseRoute(paths.caseFile('0191-ab'))).toEqual({ name: 'caseFile', caseId: '0191-ab' });
  });

  it("a referral letter keeps her case's id and the referral's", () => {
    expect(parseRoute(paths.referralLetter('0191-ab', '0191-cd'))).toEqual({
      name: 'referralLetter',
      caseId: '0191-ab',
      referralId: '0191-cd',
    });
  });

  it('a district page keeps its district code', () => {
    expect(parseRoute(paths.stateDistrict('LKO'))).toEqual({
      name: 'stateDistrict',
      districtCode: 'LKO',
    });
  });
});
