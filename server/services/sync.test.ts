// @vitest-environment node
import { describe } from 'vitest';
import { openSyncTestDatabase } from '../../tests/support/sync-fixture.ts';
import { syncServiceSuite } from '../../tests/support/sync-service-suite.ts';

describe('sync services on SQLite', () => {
  syncServiceSuite(() => openSyncTestDatabase('sqlite'));
});
