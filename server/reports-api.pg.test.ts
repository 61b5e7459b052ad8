// The indicators on PostgreSQL: the same suite server/reports-api.test.ts runs on SQLite.
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { pgHarness, type ApiHarness } from '../tests/support/api-harness.ts';
import { reportsSuite } from '../tests/support/api-suite-reports.ts';

describe('reports on PostgreSQL', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await pgHarness(inject('databaseUrl'));
  });
  afterAll(() => harness?.close());

  describe('indicators', () => reportsSuite(() => harness));
});
