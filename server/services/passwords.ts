/**
 * Password hashing with scrypt (node:crypto), encoded as a self-describing string:
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
 *
 * What must hold: a stored hash carries its own cost parameters, so raising the cost
 * later never locks anyone out (verify reads the old ones; `needsRehash` says when to
 * re-hash at the next sign-in). Comparison is constant-time.
 *
 * Cost: N=2^17, r=8, p=1 (OWASP Password Storage Cheat Sheet) takes 128 MiB and roughly
 * a third of a second per hash. Sign-in happens once per tablet, so that is affordable;
 * it also means sign-ins must be rate-limited, or a burst could exhaust memory.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createWorkGate } from './work-gate.ts';

export interface ScryptParams {
  /** CPU/memory cost; a power of two. */
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  N: 2 ** 17,
  r: 8,
  p: 1,
});

const SALT_BYTES = 16;
const HASH_BYTES = 32;
// A stored hash is trusted data, but a corrupted or tampered row must not make one
// verify call allocate gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export class PasswordHashFormatError extends Error {
  readonly code = 'invalid_password_hash';
  constructor(reason: string) {
    super(`stored password hash is not a valid scrypt string: ${reason}`);
    this.name = 'PasswordHashFormatError';
  }
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const problem = findParamsProblem(params);
  if (problem) throw new RangeError(`scrypt parameters: ${problem}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, HASH_BYTES);
  const { N, r, p } = params;
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const stored = decode(encoded);
  const candidate = await derive(password, stored.salt, stored.params, stored.hash.length);
  return timingSafeEqual(candidate, stored.hash);
}

/** True when the hash was made with other parameters than `params` (e.g. an older cost). */
export function needsRehash(
  encoded: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): boolean {
  const stored = decode(encoded).params;
  return stored.N !== params.N || stored.r !== params.r || stored.p !== params.p;
}

/** The cost a stored hash was made with. */
export function hashCost(encoded: string): ScryptParams {
  return decode(encoded).params;
}

/**
 * Password work at a time per process. Half of libuv's default pool: a morning's burst of
 * sign-ins waits its turn in memory and leaves threads, memory and CPU for the syncs'
 * gzip and brotli, instead of taking every thread at 128 MB each (work-gate.ts).
 */
export const MAX_PASSWORD_DERIVATIONS = 2;
const derivations = createWorkGate(MAX_PASSWORD_DERIVATIONS);

/** Password hashes being computed now, and sign-ins waiting for their turn. */
export function countPasswordWork(): { running: number; waiting: number } {
  return { running: derivations.countRunning(), waiting: derivations.countWaiting() };
}

function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  length: number,
): Promise<Buffer> {
  const options: ScryptOptions = {
    ...params,
    // Node refuses above 32 MiB by default; scrypt needs 128·N·r·p bytes, plus headroom.
    maxmem: 2 * 128 * params.N * params.r * params.p,
  };
  // NFKC: the same Devanagari (or Latin) password typed on two keyboards can arrive as
  // different code points; she must still get in.
  const normalized = password.normalize('NFKC');
  return derivations.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(normalized, salt, length, options, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

function decode(encoded: string): { params: ScryptParams; salt: Buffer; hash: Buffer } {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    throw new PasswordHashFormatError('expected scrypt$N$r$p$salt$hash');
  }
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const params = { N: toInteger(n), r: toInteger(r), p: toInteger(p) };
  const problem = findParamsProblem(params);
  if (problem) throw new PasswordHashFormatError(problem);
  const saltBytes = Buffer.from(salt, 'base64url');
  const hashBytes = Buffer.from(hash, 'base64url');
  if (saltBytes.length < SALT_BYTES || hashBytes.length < 16) {
    throw new PasswordHashFormatError('salt or hash too short');
  }
  return { params, salt: saltBytes, hash: hashBytes };
}

function toInteger(text: string): number {
  return /^\d{1,8}$/.test(text) ? Number(text) : NaN;
}

function findParamsProblem({ N, r, p }: ScryptParams): string | undefined {
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N) return `N=${N} is not a power of two up to 2^20`;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) return `r=${r} is out of range`;
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) return `p=${p} is out of range`;
  return undefined;
}
