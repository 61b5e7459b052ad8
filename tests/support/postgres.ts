/**
 * One fresh PostgreSQL database per test file, so files never see each other's rows and
 * every test starts from an empty schema.
 *
 *   const url = await createTestDatabase(inject('databaseUrl'));
 *   ...
 *   afterAll(() => dropTestDatabase(inject('databaseUrl'), url));
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function createTestDatabase(baseUrl: string): Promise<string> {
  const name = `sakhi_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await runAdmin(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createTestDatabase, closing any connection still open. */
export async function dropTestDatabase(baseUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^sakhi_t_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to drop "${name}": not a test database`);
  await runAdmin(baseUrl, `drop database if exists ${name} with (force)`);
}

async function runAdmin(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
