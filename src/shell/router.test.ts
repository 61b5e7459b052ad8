import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router.ts';

describe('routes', () => {
  it.each([
    [paths.tablets, 'tablets'],
    [paths.changePin, 'changePin'],
    [`${paths.tablets}/`, 'tablets'],
    [paths.syncStatus, 'syncStatus'],
    ['/tablets/extra', 'notFound'],
  ])('%s opens %s', (path, name) => {
    expect(parseRoute(path).name).toBe(name);
  });

  it('a case deep link keeps its id', () => {
    expect(parseRoute(paths.caseFile('0191-ab'))).toEqual({ name: 'caseFile', caseId: '0191-ab' });
  });
});
