/**
 * The sync property on SQLite (the embedded default): see support/sync-property-suite.ts.
 * Runs in the unit project (happy-dom's fetch, fake-indexeddb from tests/setup/unit.ts).
 */
import { describe } from 'vitest';
import { syncPropertySuite } from './support/sync-property-suite.ts';

describe('sync property: three tablets and the server on SQLite', () => {
  syncPropertySuite({ engine: 'sqlite', numRuns: 15, maxCommands: 40 });
});
