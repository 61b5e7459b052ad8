import { sqliteHarness } from '../tests/support/api-harness.ts';
import { describeApiFuzz } from '../tests/support/api-suite-fuzz.ts';

describeApiFuzz(sqliteHarness);
