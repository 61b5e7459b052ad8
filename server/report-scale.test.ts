// @vitest-environment node
// The seeded 2020 year on SQLite; server/report-scale.pg.test.ts runs it on PostgreSQL.
import { afterAll, beforeAll, describe } from 'vitest';
import { sqliteHarness, type ApiHarness } from '../tests/support/api-harness.ts';
import { reportScaleSuite } from '../tests/support/api-suite-report-scale.ts';

describe('reports at full scale on SQLite', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await sqliteHarness();
  });
  afterAll(() => harness.close());

  describe('the seeded 2020 year', () => reportScaleSuite(() => harness));
});
