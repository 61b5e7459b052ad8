// @vitest-environment node
import { describe, inject } from 'vitest';
import { openSyncTestDatabase } from '../../tests/support/sync-fixture.ts';
import { syncServiceSuite } from '../../tests/support/sync-service-suite.ts';

describe('sync services on PostgreSQL', () => {
  syncServiceSuite(() => openSyncTestDatabase('postgres', inject('databaseUrl')));
});
