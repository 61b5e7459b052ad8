import { inject } from 'vitest';
import { pgHarness } from '../tests/support/api-harness.ts';
import { describeSealedPushApi } from '../tests/support/api-suite-sealed-push.ts';
import { describeSyncApi } from '../tests/support/api-suite-sync.ts';

describeSyncApi(() => pgHarness(inject('databaseUrl')));
describeSealedPushApi(() => pgHarness(inject('databaseUrl')));
