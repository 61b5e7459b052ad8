// @vitest-environment node
// The indicators on SQLite; server/reports-api.pg.test.ts runs the same suite on PostgreSQL.
import { afterAll, beforeAll, describe } from 'vitest';
import { sqliteHarness, type ApiHarness } from '../tests/support/api-harness.ts';
import { reportsSuite } from '../tests/support/api-suite-reports.ts';

describe('reports on SQLite', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await sqliteHarness();
  });
  afterAll(() => harness.close());

  describe('indicators', () => reportsSuite(() => harness));
});
