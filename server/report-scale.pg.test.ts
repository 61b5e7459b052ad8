// The seeded 2020 year on PostgreSQL: the suite server/report-scale.test.ts runs on SQLite.
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { pgHarness, type ApiHarness } from '../tests/support/api-harness.ts';
import { reportScaleSuite } from '../tests/support/api-suite-report-scale.ts';

describe('reports at full scale on PostgreSQL', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await pgHarness(inject('databaseUrl'));
  });
  afterAll(() => harness?.close());

  describe('the seeded 2020 year', () => reportScaleSuite(() => harness));
});
