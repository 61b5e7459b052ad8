// The whole server on PostgreSQL (DATABASE_URL), as a state deployment runs it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../tests/support/postgres.ts';
import { startTestServer, type TestServer } from '../tests/support/server.ts';

describe('server on PostgreSQL', () => {
  let databaseUrl: string;
  let server: TestServer;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(inject('databaseUrl'));
    server = await startTestServer({ dialect: 'postgres', databaseUrl, demo: true });
  });

  afterAll(async () => {
    await server?.close();
    await dropTestDatabase(inject('databaseUrl'), databaseUrl);
  });

  it('migrates, seeds and reports postgres in /api/health', async () => {
    const response = await fetch(new URL('/api/health', server.url));
    expect(await response.json()).toMatchObject({ status: 'ok', db: 'postgres', demo: true });
    const users = await server.database.db.selectFrom('users').select('username').execute();
    expect(users).toHaveLength(12);
  });
});
