import { inject } from 'vitest';
import { pgHarness } from '../tests/support/api-harness.ts';
import { describeSyncApi } from '../tests/support/api-suite-sync.ts';

describeSyncApi(() => pgHarness(inject('databaseUrl')));
