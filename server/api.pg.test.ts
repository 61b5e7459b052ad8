// The whole API on PostgreSQL: the same suites server/api.test.ts runs on SQLite.
import { inject } from 'vitest';
import { pgHarness } from '../tests/support/api-harness.ts';
import { describeWholeApi } from '../tests/support/api-suite-whole.ts';

describeWholeApi('PostgreSQL', (options) => pgHarness(inject('databaseUrl'), options));
