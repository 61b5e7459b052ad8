// @vitest-environment node
// The whole API on SQLite; server/api.pg.test.ts runs the very same suites on PostgreSQL.
import { sqliteHarness } from '../tests/support/api-harness.ts';
import { describeWholeApi } from '../tests/support/api-suite-whole.ts';

describeWholeApi('SQLite', sqliteHarness);
