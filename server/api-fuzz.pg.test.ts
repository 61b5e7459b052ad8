import { inject } from 'vitest';
import { pgHarness } from '../tests/support/api-harness.ts';
import { describeApiFuzz } from '../tests/support/api-suite-fuzz.ts';

describeApiFuzz(() => pgHarness(inject('databaseUrl')));
