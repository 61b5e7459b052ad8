/**
 * The admin CLI: `npm run admin -- <command> [options]`. Uses the same database settings
 * as the server (DATABASE_URL, SAKHI_DATA_DIR) and brings the schema up to date first,
 * so it works on a fresh install before the first `npm run serve`.
 *
 * Exit codes: 0 done; 1 refused (no such user, district taken…); 2 mistyped command.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { listMigrations, migrateToLatest } from '../db/migrate.ts';
import type { ServiceContext } from '../services/context.ts';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from '../services/passwords.ts';
import { loadServerSecrets } from '../services/server-secrets.ts';
import { RefusedError, UsageError, processIo, type AdminIo } from './admin-io.ts';
import {
  backupCommand,
  createCentreCommand,
  createUserCommand,
  disableUserCommand,
  listDevicesCommand,
  pruneCommand,
  resetPasswordCommand,
  revokeDeviceCommand,
  type CommandContext,
  type Options,
} from './commands.ts';
import { renewLogIdCommand } from './restore-commands.ts';

type Command = (context: CommandContext, options: Options, args: string[]) => Promise<void>;

const COMMANDS: Record<string, { run: Command; options: string[]; usage: string }> = {
  'create-centre': {
    run: createCentreCommand,
    options: ['district', 'name-hi', 'name-en', 'phone', 'address', 'email'],
    usage:
      'create-centre --district LKO --name-hi "…" --name-en "…" --phone 05222000000 --address "…" [--email …]',
  },
  'create-user': {
    run: createUserCommand,
    options: ['username', 'role', 'centre', 'display-name'],
    usage:
      'create-user --username lko.manager --role manager --centre LKO [--display-name "…"] [--password-stdin]',
  },
  'reset-password': {
    run: resetPasswordCommand,
    options: ['username'],
    usage: 'reset-password --username lko.manager [--password-stdin]',
  },
  'disable-user': {
    run: disableUserCommand,
    options: ['username'],
    usage: 'disable-user --username lko.nurse',
  },
  'list-devices': {
    run: listDevicesCommand,
    options: ['centre'],
    usage: 'list-devices [--centre LKO]',
  },
  'revoke-device': { run: revokeDeviceCommand, options: [], usage: 'revoke-device <device id>' },
  prune: { run: pruneCommand, options: [], usage: 'prune' },
  backup: { run: backupCommand, options: [], usage: 'backup <file>' },
  'renew-log-id': { run: renewLogIdCommand, options: [], usage: 'renew-log-id' },
};

export const USAGE = [
  'usage: npm run admin -- <command> [options]',
  '',
  ...Object.values(COMMANDS).map((command) => `  ${command.usage}`),
  '',
  'Passwords are read from stdin (first line) or asked for on a terminal; never give one as an argument.',
  "The database is the server's: DATABASE_URL for PostgreSQL, else SQLite in SAKHI_DATA_DIR (./data).",
].join('\n');

export interface AdminOptions {
  env?: Record<string, string | undefined>;
  io?: AdminIo;
  /** TESTS ONLY: a cheaper scrypt cost. */
  passwordParams?: Readonly<ScryptParams>;
  now?: () => Date;
}

/** Runs one command; returns the exit code. Never throws for an operator's mistake. */
export async function runAdmin(argv: string[], options: AdminOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!name || name === 'help' || name === '--help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (!command) {
    io.err(`sakhi admin: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let config: Config;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    config = parseConfig(options.env ?? process.env, []);
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(
          command.options.map((option) => [option, { type: 'string' as const }]),
        ),
        'password-stdin': { type: 'boolean' },
      },
    });
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : (error as Error).message;
    io.err(`sakhi admin: ${message}\n  usage: npm run admin -- ${command.usage}`);
    return 2;
  }
  const database = openDatabase(config.database);
  try {
    // The same file as the server's: the first admin command, run before the first
    // start, makes it where the server will look.
    const secrets = loadServerSecrets(config.secretsFile);
    if (name !== 'backup') {
      await migrateToLatest(database.db, listMigrations(secrets.usernameKey));
    }
    const ctx: ServiceContext = {
      db: database.db,
      now: options.now ?? (() => new Date()),
      passwordParams: options.passwordParams ?? DEFAULT_SCRYPT_PARAMS,
      secrets,
    };
    await command.run({ ctx, io, database: config.database }, parsed.values, parsed.positionals);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sakhi admin: ${error.message}\n  usage: npm run admin -- ${command.usage}`);
      return 2;
    }
    if (error instanceof RefusedError) {
      io.err(`sakhi admin: ${error.message}`);
      return 1;
    }
    io.err(`sakhi admin: ${name} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runAdmin(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('sakhi admin: unexpected failure:', error);
      process.exitCode = 1;
    },
  );
}
