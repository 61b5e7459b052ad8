// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  MAX_PASSWORD_DERIVATIONS,
  PasswordHashFormatError,
  countPasswordWork,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords.ts';

// Cheap parameters where the cost is not what is under test; the OWASP ones run once.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes with the OWASP scrypt cost by default and verifies', async () => {
    const encoded = await hashPassword('sakhi-demo-2026');
    expect(encoded).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('sakhi-demo-2026', encoded)).toBe(true);
    expect(await verifyPassword('sakhi-demo-2027', encoded)).toBe(false);
    expect(needsRehash(encoded)).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal strings', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same', FAST),
      hashPassword('same', FAST),
    ]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same', second)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, and flags old ones for rehash', async () => {
    const old = await hashPassword('पुराना-पासवर्ड', FAST);
    expect(await verifyPassword('पुराना-पासवर्ड', old)).toBe(true);
    expect(needsRehash(old, DEFAULT_SCRYPT_PARAMS)).toBe(true);
  });

  it('treats canonically equal Devanagari input as the same password', async () => {
    // क़ as one code point (U+0958) and as क + nukta (U+0915 U+093C).
    const encoded = await hashPassword('\u0958लम', FAST);
    expect(await verifyPassword('\u0915\u093Cलम', encoded)).toBe(true);
  });

  it('refuses malformed or absurd stored hashes instead of answering "wrong password"', async () => {
    const valid = await hashPassword('x', FAST);
    const [, , r, p, salt, hash] = valid.split('$');
    const broken = [
      'plain-text-password',
      `bcrypt$1024$${r}$${p}$${salt}$${hash}`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`,
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${hash}`,
      `scrypt$1024$${r}$${p}$$${hash}`,
    ];
    for (const encoded of broken) {
      await expect(verifyPassword('x', encoded)).rejects.toBeInstanceOf(PasswordHashFormatError);
    }
  });

  it('refuses to hash with invalid parameters', async () => {
    await expect(hashPassword('x', { N: 1000, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });

  it('computes at most a few hashes at a time, however many sign-ins arrive at once', async () => {
    const before = countPasswordWork();
    const burst = Array.from({ length: 6 }, (_, i) => hashPassword(`sign-in ${i}`, FAST));
    const during = countPasswordWork();
    expect(during.running).toBe(MAX_PASSWORD_DERIVATIONS);
    expect(during.running + during.waiting).toBe(before.running + before.waiting + 6);
    const hashes = await Promise.all(burst);
    expect(await verifyPassword('sign-in 5', hashes[5]!)).toBe(true);
  });
});
