// @vitest-environment node
import { sqliteHarness } from '../tests/support/api-harness.ts';
import { describeSealedPushApi } from '../tests/support/api-suite-sealed-push.ts';
import { describeSyncApi } from '../tests/support/api-suite-sync.ts';

describeSyncApi(sqliteHarness);
describeSealedPushApi(sqliteHarness);
