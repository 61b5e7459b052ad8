/**
 * Server configuration from the environment and the command line.
 *
 * Every value is checked here, at start, so a typo stops the server with a message that
 * names the variable, instead of surfacing later as a confusing runtime failure.
 * An empty variable counts as unset (`DATABASE_URL= npm run serve` means SQLite).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_NEW_DEVICE_LIMITS, type NewDeviceLimits } from './services/new-device-quota.ts';

export type DatabaseConfig =
  | { dialect: 'sqlite'; /** Absolute path of the SQLite file. */ file: string }
  | { dialect: 'postgres'; /** A postgres:// or postgresql:// connection URL. */ url: string };

export interface Config {
  port: number;
  host: string;
  /** Absolute path; holds the SQLite file (and, later, backups). */
  dataDir: string;
  database: DatabaseConfig;
  /**
   * SAKHI_SECRETS_FILE: absolute path of the server's secrets (data-key wrapping key,
   * sealing key pair); default `secrets.json` in the data directory. Every server
   * process of one database must read the same file.
   */
  secretsFile: string;
  /** True only with `--demo`: seeds labelled demo accounts. Never in production. */
  demo: boolean;
  /** The built app (Vite's `dist/`), served to tablets. */
  staticDir: string;
  /**
   * SAKHI_TRUST_PROXY: the reverse proxies whose X-Forwarded-For is believed, as
   * addresses or CIDRs (or `loopback`), comma-separated. Unset: the socket's address is
   * the client's. Rate limits and the audit log depend on getting this right.
   */
  trustProxy?: string;
  /**
   * SAKHI_NEW_DEVICES_PER_ACCOUNT and SAKHI_NEW_DEVICES_PER_CENTRE: how many tablets
   * never seen before may register in a day, per account and per centre. Unset:
   * DEFAULT_NEW_DEVICE_LIMITS (5 and 20).
   */
  newDeviceLimits?: NewDeviceLimits;
}

export class ConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(
    /** The environment variable or flag at fault, so the operator knows what to fix. */
    readonly variable: string,
    readonly messages: { hi: string; en: string },
  ) {
    super(`${variable}: ${messages.en}`);
    this.name = 'ConfigError';
  }
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_PORT = 8080;
// Loopback unless told otherwise: a headquarters server sits behind a TLS proxy, and a
// laptop running the demo must not expose survivor data to the café Wi-Fi.
const DEFAULT_HOST = '127.0.0.1';
const KNOWN_FLAGS = new Set(['--demo']);

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env = process.env, argv: readonly string[] = []): Config {
  for (const arg of argv) {
    if (!KNOWN_FLAGS.has(arg)) {
      throw new ConfigError(arg, {
        hi: `अज्ञात विकल्प "${arg}"। केवल --demo मान्य है।`,
        en: `unknown option "${arg}"; the only option is --demo.`,
      });
    }
  }
  const dataDir = resolve(valueOf(env, 'SAKHI_DATA_DIR') ?? './data');
  return {
    port: parsePort(valueOf(env, 'PORT')),
    host: parseHost(valueOf(env, 'SAKHI_HOST')),
    dataDir,
    database: parseDatabase(valueOf(env, 'DATABASE_URL'), dataDir),
    secretsFile: resolve(valueOf(env, 'SAKHI_SECRETS_FILE') ?? resolve(dataDir, 'secrets.json')),
    demo: argv.includes('--demo'),
    staticDir: resolve(projectRoot, 'dist'),
    trustProxy: parseTrustProxy(valueOf(env, 'SAKHI_TRUST_PROXY')),
    newDeviceLimits: {
      perAccount: parseDailyLimit(env, 'SAKHI_NEW_DEVICES_PER_ACCOUNT', 'perAccount'),
      perCentre: parseDailyLimit(env, 'SAKHI_NEW_DEVICES_PER_CENTRE', 'perCentre'),
    },
  };
}

const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/;

function parseTrustProxy(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => !PROXY_ENTRY.test(entry))) {
    throw new ConfigError('SAKHI_TRUST_PROXY', {
      hi: `SAKHI_TRUST_PROXY "${raw}" मान्य नहीं है: प्रॉक्सी के IP पते या CIDR दें, अल्पविराम से अलग, जैसे 127.0.0.1,10.0.0.0/8।`,
      en: `SAKHI_TRUST_PROXY "${raw}" is not valid: give the proxies' IP addresses or CIDRs, comma-separated, such as 127.0.0.1,10.0.0.0/8.`,
    });
  }
  return entries.join(',');
}

function valueOf(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parseDailyLimit(env: Env, name: string, bound: keyof NewDeviceLimits): number {
  const raw = valueOf(env, name);
  if (raw === undefined) return DEFAULT_NEW_DEVICE_LIMITS[bound];
  // 0 would lock out every new tablet for good: a typo, never a policy.
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
    throw new ConfigError(name, {
      hi: `${name} "${raw}" मान्य नहीं है: 1 से 1000000 तक की पूर्ण संख्या दें (एक दिन में कितने नए टैबलेट)।`,
      en: `${name} "${raw}" is not valid: give a whole number from 1 to 1000000 (new tablets a day).`,
    });
  }
  return Number(raw);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  // 0 is allowed: the OS picks a free port (used by tests and one-off runs).
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError('PORT', {
      hi: `PORT "${raw}" मान्य नहीं है: 0 से 65535 तक की पूर्ण संख्या दें।`,
      en: `PORT "${raw}" is not valid: give a whole number from 0 to 65535.`,
    });
  }
  return port;
}

function parseHost(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_HOST;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(raw)) {
    throw new ConfigError('SAKHI_HOST', {
      hi: `SAKHI_HOST "${raw}" मान्य नहीं है: एक IP पता या होस्ट नाम दें, जैसे 0.0.0.0।`,
      en: `SAKHI_HOST "${raw}" is not valid: give an IP address or host name, such as 0.0.0.0.`,
    });
  }
  return raw;
}

function parseDatabase(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (raw === undefined) return { dialect: 'sqlite', file: resolve(dataDir, 'sakhi.sqlite') };
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    // Never echo the value: it may hold a password.
    throw new ConfigError('DATABASE_URL', {
      hi: 'DATABASE_URL मान्य नहीं है: postgres://user:password@host:5432/dbname जैसा पता दें, या SQLite के लिए इसे हटा दें।',
      en: 'DATABASE_URL is not valid: give a URL like postgres://user:password@host:5432/dbname, or unset it to use SQLite.',
    });
  }
  return { dialect: 'postgres', url: raw };
}
