/**
 * The whole API's suites, the same on either engine: server/api.test.ts runs them on
 * SQLite and server/api.pg.test.ts on PostgreSQL.
 *
 *   describeWholeApi('SQLite', sqliteHarness);
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { DEFAULT_NEW_DEVICE_LIMITS } from '../../server/services/new-device-quota.ts';
import type { ApiHarness, HarnessOptions } from './api-harness.ts';
import { auditSuite } from './api-suite-audit.ts';
import { authSuite } from './api-suite-auth.ts';
import { bodySuite } from './api-suite-bodies.ts';
import { centreDetailsSuite } from './api-suite-centre-details.ts';
import { custodySuite } from './api-suite-custody.ts';
import { matrixSuite } from './api-suite-matrix.ts';
import { newDeviceSuite } from './api-suite-new-devices.ts';
import { passwordSuite } from './api-suite-passwords.ts';
import { pruningSuite } from './api-suite-pruning.ts';
import { staffSuite } from './api-suite-staff.ts';
import { validationSuite } from './api-suite-validation.ts';

export function describeWholeApi(
  engine: string,
  openHarness: (options?: HarnessOptions) => Promise<ApiHarness>,
): void {
  describe(`API on ${engine}`, () => {
    const harness = harnessBeforeAll(openHarness);
    describe('accounts and sessions', () => authSuite(harness));
    describe('authorization matrix', () => matrixSuite(harness));
    describe('bad requests', () => validationSuite(harness));
    describe('audit log', () => auditSuite(harness));
    describe('new passwords', () => passwordSuite(harness));
    describe('disabling staff accounts', () => staffSuite(harness));
    describe('request bodies and caching', () => bodySuite(harness));
    describe('device keys and data-key custody', () => custodySuite(harness));
    describe("the centre's details for its tablets", () => centreDetailsSuite(harness));
  });

  // Its own server, at the production bounds on new tablets that the one above lifts.
  describe(`API on ${engine}: new tablets a day`, () => {
    newDeviceSuite(harnessBeforeAll(openHarness, { newDeviceLimits: DEFAULT_NEW_DEVICE_LIMITS }));
  });

  // Its own server, pruning every few milliseconds on a clock the suite moves by weeks.
  describe(`API on ${engine}: scheduled pruning`, () => {
    pruningSuite(harnessBeforeAll(openHarness, { pruneIntervalMs: 25 }));
  });
}

/** One server for the `describe` it is called in, opened before its tests and closed after. */
function harnessBeforeAll(
  openHarness: (options?: HarnessOptions) => Promise<ApiHarness>,
  options?: HarnessOptions,
): () => ApiHarness {
  let harness: ApiHarness | undefined;
  beforeAll(async () => {
    harness = await openHarness(options);
  });
  afterAll(() => harness?.close());
  return () => {
    if (!harness) throw new Error('The API server is not open yet: read it in a test');
    return harness;
  };
}
