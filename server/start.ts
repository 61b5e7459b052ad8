/**
 * Starts a whole server from a Config: database, migrations, demo seed, HTTP. main.ts
 * uses it for real, and tests/support/server.ts runs the very same path in-process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildServer, type ServerOptions } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { listMigrations, migrateToLatest } from './db/migrate.ts';
import { countActiveStateAdmins } from './services/accounts.ts';
import { findDemoAccounts, seedDemo } from './services/demo-seed.ts';
import { loadServerSecrets } from './services/server-secrets.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: OpenDatabase;
  /** Where to open the app, e.g. http://127.0.0.1:8080/ */
  url: string;
  /** Stops taking requests, lets those in flight finish, then closes the database. */
  close(): Promise<void>;
}

/** What only tests change: the clock, a cheaper password cost, shorter timeouts. */
export type TestServerOptions = Pick<ServerOptions, 'now' | 'passwordParams' | 'connectionLimits'>;

export class NoAdminError extends Error {
  readonly code = 'no_state_admin';
  constructor(readonly command: string) {
    super(
      'refusing to start: there is no state_admin account, so nobody could manage this server. ' +
        `Create one with:\n\n  ${command}\n\nthen start the server again.`,
    );
    this.name = 'NoAdminError';
  }
}

/** The exact command an operator runs to create the first administrator. */
export function createAdminCommand(config: Config): string {
  // Never print the URL itself: it holds the database password.
  const env =
    config.database.dialect === 'postgres'
      ? 'DATABASE_URL="$DATABASE_URL" '
      : `SAKHI_DATA_DIR=${config.dataDir} `;
  return `${env}npm run admin -- create-user --username state.admin --role state_admin --display-name "State administrator"`;
}

export async function startServer(
  config: Config,
  logger: FastifyServerOptions['logger'] = true,
  testOptions: TestServerOptions = {},
): Promise<RunningServer> {
  const refuseWithoutAdmin = async (open: OpenDatabase) => {
    if ((await countActiveStateAdmins(open.db)) === 0) {
      throw new NoAdminError(createAdminCommand(config));
    }
  };
  // Before the database: a missing or damaged secrets file must stop the start cleanly.
  const secrets = loadServerSecrets(config.secretsFile);
  const database = openDatabase(config.database, {
    onConnectionError: (error) =>
      console.error('sakhi: a database connection broke:', error.message),
  });
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db, listMigrations(secrets.usernameKey));
    if (config.demo) await seedDemo(database.db);
    else await refuseWithoutAdmin(database);
    app = await buildServer({
      db: database.db,
      dialect: database.dialect,
      demo: config.demo,
      staticDir: config.staticDir,
      logger,
      trustProxy: config.trustProxy,
      newDeviceLimits: config.newDeviceLimits,
      secrets,
      ...testOptions,
    });
    await warnAboutSetup(app, database, config);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      database,
      url: `http://${host}:${port}/`,
      close: () => (closing ??= running.close().then(() => database.close())),
    };
  } catch (error) {
    // A port already in use must not leave the database open behind the error.
    await app?.close();
    await database.close();
    throw error;
  }
}

async function warnAboutSetup(app: FastifyInstance, database: OpenDatabase, config: Config) {
  if (!existsSync(join(config.staticDir, 'index.html'))) {
    app.log.warn(
      `${config.staticDir} has no index.html: run "npm run build" so tablets get the app`,
    );
  }
  if (config.demo) return;
  const demoAccounts = await findDemoAccounts(database.db);
  if (demoAccounts.length > 0) {
    app.log.warn(
      `DEMO ACCOUNTS WITH A PUBLISHED PASSWORD ARE IN THIS DATABASE (${demoAccounts.join(', ')}). ` +
        'Do not use it for real cases: start with an empty SAKHI_DATA_DIR or DATABASE_URL.',
    );
  }
}
