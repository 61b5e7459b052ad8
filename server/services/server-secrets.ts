/**
 * The server's own secrets: the key that wraps every tablet's data key, headquarters'
 * X25519 sealing key pair that locked tablets seal their pushes to, and the key of the
 * hash that stands for a username no account has (./username-hash.ts).
 *
 * What must hold:
 * - They live in one file outside the database (SAKHI_SECRETS_FILE), so a copy of the
 *   database alone unseals nothing, and the file alone holds no survivor's record.
 * - Every server process of one database reads the same file: a data key wrapped by one
 *   process must unwrap in another, and a push sealed to one public key must open in
 *   any (docs/operations.md).
 * - Made once, on the first start, readable by the server's user only (mode 0600), and
 *   never replaced: replacing it makes every stored data key and every sealed push
 *   unreadable. A file that exists but cannot be read or parsed stops the server rather
 *   than being overwritten.
 * - A file made before a key existed gains it on its first load, keeping every key it
 *   had; processes starting at once agree on one (the first to take the upgrade lock
 *   writes it, the others wait and read it).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface ServerSecrets {
  /** AES-256-GCM key that wraps each tablet's data key (32 bytes). */
  keyWrappingKey: Buffer;
  /** Headquarters' X25519 private key: opens sealed pushes. */
  sealingPrivateKey: KeyObject;
  /** Its public half, 32 raw bytes in base64url: what tablets seal to. */
  sealingPublicKey: string;
  /** HMAC-SHA-256 key for usernames no account has (32 bytes). */
  usernameKey: Buffer;
}

const FORMAT = 'sakhi-server-secrets-v1';

const secretsFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  /** 32 bytes, base64url. */
  keyWrappingKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** PKCS#8 DER of the X25519 private key, base64url. */
  sealingPrivateKey: z.string().regex(/^[A-Za-z0-9_-]+$/),
  /** 32 bytes, base64url; absent in files made before it, which gain it on load. */
  usernameKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  createdAt: z.iso.datetime(),
});
type SecretsFile = z.infer<typeof secretsFileSchema>;

/** How long a start waits for another process to finish adding a key to the file. */
const UPGRADE_WAIT_MS = 10_000;

export class SecretsFileError extends Error {
  readonly code = 'invalid_secrets_file';
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause: unknown },
  ) {
    super(
      `refusing to start: the secrets file ${file} ${problem}. ` +
        'It holds the keys to every tablet’s data key and to sealed pushes: restore it from ' +
        'your backup, or point SAKHI_SECRETS_FILE at the right file. Do not delete it to ' +
        'make a new one unless every tablet is to be signed in afresh (docs/operations.md).',
      options,
    );
    this.name = 'SecretsFileError';
  }
}

/** Fresh secrets, in memory only: for tests, and for the first start's file. */
export function createServerSecrets(): ServerSecrets {
  const { privateKey } = generateKeyPairSync('x25519');
  return secretsFrom(randomBytes(32), privateKey, randomBytes(32));
}

/** Reads the secrets file, making it first if there is none. */
export function loadServerSecrets(file: string): ServerSecrets {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SecretsFileError(file, 'cannot be read', { cause: error });
    }
    text = writeNewSecretsFile(file);
  }
  let parsed = parseSecretsFile(file, text);
  if (parsed.usernameKey === undefined) parsed = addUsernameKey(file);
  return secretsFromFile(file, parsed);
}

function parseSecretsFile(file: string, text: string): SecretsFile {
  try {
    return secretsFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new SecretsFileError(file, 'is not a Sakhi secrets file or is damaged', {
      cause: error,
    });
  }
}

/**
 * Adds a username key to a file made before it existed, under an exclusive lock file,
 * replacing the file whole (written under a temporary name, then renamed over it).
 */
function addUsernameKey(file: string): SecretsFile {
  const lock = `${file}.upgrade-lock`;
  try {
    writeFileSync(lock, String(process.pid), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SecretsFileError(file, 'cannot be upgraded', { cause: error });
    }
    return awaitUpgrade(file, lock);
  }
  try {
    const current = parseSecretsFile(file, readFileSync(file, 'utf8'));
    if (current.usernameKey !== undefined) return current;
    const upgraded = { ...current, usernameKey: randomBytes(32).toString('base64url') };
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(upgraded, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    renameSync(temporary, file);
    return upgraded;
  } catch (error) {
    if (error instanceof SecretsFileError) throw error;
    throw new SecretsFileError(file, 'cannot be upgraded', { cause: error });
  } finally {
    unlinkSync(lock);
  }
}

function awaitUpgrade(file: string, lock: string): SecretsFile {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < UPGRADE_WAIT_MS; waited += 50) {
    Atomics.wait(pause, 0, 0, 50);
    const current = parseSecretsFile(file, readFileSync(file, 'utf8'));
    if (current.usernameKey !== undefined) return current;
  }
  throw new SecretsFileError(
    file,
    `is being upgraded by another process, or a failed upgrade left ${lock} behind ` +
      '(remove that lock file if no other server is starting)',
  );
}

function secretsFromFile(file: string, parsed: SecretsFile): ServerSecrets {
  const keyWrappingKey = Buffer.from(parsed.keyWrappingKey, 'base64url');
  let sealingPrivateKey: KeyObject;
  try {
    sealingPrivateKey = createPrivateKey({
      key: Buffer.from(parsed.sealingPrivateKey, 'base64url'),
      format: 'der',
      type: 'pkcs8',
    });
  } catch (error) {
    throw new SecretsFileError(file, 'holds a damaged sealing key', { cause: error });
  }
  if (keyWrappingKey.length !== 32 || sealingPrivateKey.asymmetricKeyType !== 'x25519') {
    throw new SecretsFileError(file, 'holds keys of the wrong kind');
  }
  return secretsFrom(
    keyWrappingKey,
    sealingPrivateKey,
    Buffer.from(parsed.usernameKey ?? '', 'base64url'),
  );
}

/**
 * Writes a new file atomically: written whole under a temporary name, then linked into
 * place, which fails if another process got there first; then theirs is the one read.
 */
function writeNewSecretsFile(file: string): string {
  const secrets = createServerSecrets();
  const text = `${JSON.stringify(
    {
      format: FORMAT,
      keyWrappingKey: secrets.keyWrappingKey.toString('base64url'),
      sealingPrivateKey: secrets.sealingPrivateKey
        .export({ format: 'der', type: 'pkcs8' })
        .toString('base64url'),
      usernameKey: secrets.usernameKey.toString('base64url'),
      createdAt: new Date().toISOString(),
    },
    null,
    2,
  )}\n`;
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return readFileSync(file, 'utf8');
    } finally {
      unlinkSync(temporary);
    }
  } catch (error) {
    if (error instanceof SecretsFileError) throw error;
    throw new SecretsFileError(file, 'does not exist and cannot be created', { cause: error });
  }
  return text;
}

function secretsFrom(
  keyWrappingKey: Buffer,
  sealingPrivateKey: KeyObject,
  usernameKey: Buffer,
): ServerSecrets {
  const { x } = createPublicKey(sealingPrivateKey).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('an X25519 public key has no x');
  return { keyWrappingKey, sealingPrivateKey, sealingPublicKey: x, usernameKey };
}
