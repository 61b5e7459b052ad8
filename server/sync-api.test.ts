// @vitest-environment node
import { sqliteHarness } from '../tests/support/api-harness.ts';
import { describeLockedTabletApi } from '../tests/support/api-suite-locked-tablet.ts';
import { describeSealedPushApi } from '../tests/support/api-suite-sealed-push.ts';
import { describeSyncApi } from '../tests/support/api-suite-sync.ts';

describeSyncApi(sqliteHarness);
describeSealedPushApi(sqliteHarness);
describeLockedTabletApi(sqliteHarness);
