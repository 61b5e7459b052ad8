import { inject } from 'vitest';
import { pgHarness } from '../tests/support/api-harness.ts';
import { describeLockedTabletApi } from '../tests/support/api-suite-locked-tablet.ts';
import { describeSealedPushApi } from '../tests/support/api-suite-sealed-push.ts';
import { describeSyncApi } from '../tests/support/api-suite-sync.ts';

describeSyncApi(() => pgHarness(inject('databaseUrl')));
describeSealedPushApi(() => pgHarness(inject('databaseUrl')));
describeLockedTabletApi(() => pgHarness(inject('databaseUrl')));
