// @vitest-environment node
import { sqliteHarness } from '../tests/support/api-harness.ts';
import { describeSyncApi } from '../tests/support/api-suite-sync.ts';

describeSyncApi(sqliteHarness);
