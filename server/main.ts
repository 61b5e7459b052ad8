/**
 * Entry point: `tsx server/main.ts [--demo]`. Configuration comes from the environment;
 * see server/config.ts.
 */
import { ConfigError, parseConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DemoSeedRefusedError } from './services/demo-seed.ts';
import { SecretsFileError } from './services/server-secrets.ts';
import { NoAdminError, startServer, type RunningServer } from './start.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(
      `sakhi: ${error.code}: ${error.variable}\n  ${error.messages.hi}\n  ${error.messages.en}`,
    );
    process.exit(2);
  }

  const server = await startServer(config, { level: 'info' });
  stopOnSignals(server);

  const { database } = config;
  console.log(`\nसखी | Sakhi headquarters server: ${server.url}`);
  console.log(
    `database: ${database.dialect === 'sqlite' ? `SQLite ${database.file}` : 'PostgreSQL'}`,
  );
  if (config.demo) printDemoSignIns();
}

function printDemoSignIns(): void {
  console.log(
    '\n*** DEMO MODE: these accounts share a PUBLISHED password. Never enter real cases. ***',
  );
  console.log(`*** डेमो मोड: इन खातों का पासवर्ड सार्वजनिक है। असली मामले दर्ज न करें। ***\n`);
  console.table(
    DEMO_ACCOUNTS.map((account) => ({
      username: account.username,
      password: DEMO_PASSWORD,
      role: account.role,
      centre: account.districtCode ?? 'headquarters',
    })),
  );
}

function stopOnSignals(server: RunningServer): void {
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C means "now": do not wait for slow requests.
    process.once(signal, () => process.exit(130));
    server.app.log.info(`${signal}: finishing requests in flight, then closing the database`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('sakhi: clean shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A refusal is a decision, not a crash: say it plainly, without a stack trace.
  const detail =
    error instanceof DemoSeedRefusedError ||
    error instanceof NoAdminError ||
    error instanceof SecretsFileError
      ? `${error.code}: ${error.message}`
      : error;
  console.error('sakhi: the server could not start:', detail);
  process.exit(1);
});
