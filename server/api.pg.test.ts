// The whole API on PostgreSQL: the same suites server/api.test.ts runs on SQLite.
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { pgHarness, type ApiHarness } from '../tests/support/api-harness.ts';
import { auditSuite } from '../tests/support/api-suite-audit.ts';
import { authSuite } from '../tests/support/api-suite-auth.ts';
import { bodySuite } from '../tests/support/api-suite-bodies.ts';
import { centreDetailsSuite } from '../tests/support/api-suite-centre-details.ts';
import { custodySuite } from '../tests/support/api-suite-custody.ts';
import { newDeviceSuite } from '../tests/support/api-suite-new-devices.ts';
import { matrixSuite } from '../tests/support/api-suite-matrix.ts';
import { passwordSuite } from '../tests/support/api-suite-passwords.ts';
import { pruningSuite } from '../tests/support/api-suite-pruning.ts';
import { staffSuite } from '../tests/support/api-suite-staff.ts';
import { validationSuite } from '../tests/support/api-suite-validation.ts';
import { DEFAULT_NEW_DEVICE_LIMITS } from './services/new-device-quota.ts';

describe('API on PostgreSQL', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await pgHarness(inject('databaseUrl'));
  });
  afterAll(() => harness?.close());

  describe('accounts and sessions', () => authSuite(() => harness));
  describe('authorization matrix', () => matrixSuite(() => harness));
  describe('bad requests', () => validationSuite(() => harness));
  describe('audit log', () => auditSuite(() => harness));
  describe('new passwords', () => passwordSuite(() => harness));
  describe('disabling staff accounts', () => staffSuite(() => harness));
  describe('request bodies and caching', () => bodySuite(() => harness));
  describe('device keys and data-key custody', () => custodySuite(() => harness));
  describe("the centre's details for its tablets", () => centreDetailsSuite(() => harness));
});

// Its own server, at the production bounds on new tablets that the one above lifts.
describe('API on PostgreSQL: new tablets a day', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    const options = { newDeviceLimits: DEFAULT_NEW_DEVICE_LIMITS };
    harness = await pgHarness(inject('databaseUrl'), options);
  });
  afterAll(() => harness?.close());

  newDeviceSuite(() => harness);
});

// Its own server, pruning every few milliseconds on a clock the suite moves by weeks.
describe('API on PostgreSQL: scheduled pruning', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    const options = { pruneIntervalMs: 25 };
    harness = await pgHarness(inject('databaseUrl'), options);
  });
  afterAll(() => harness?.close());

  pruningSuite(() => harness);
});
