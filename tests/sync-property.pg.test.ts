/**
 * The sync property on PostgreSQL: see support/sync-property-suite.ts. The pg project runs
 * in Node without the unit setup, so the tablets' IndexedDB is loaded here, before Dexie.
 */
import 'fake-indexeddb/auto';
import { describe, inject } from 'vitest';
import { syncPropertySuite } from './support/sync-property-suite.ts';

describe('sync property: three tablets and the server on PostgreSQL', () => {
  syncPropertySuite({
    engine: 'postgres',
    baseUrl: () => inject('databaseUrl'),
    numRuns: 15,
    maxCommands: 40,
  });
});
