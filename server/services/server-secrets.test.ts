import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerSecrets, SecretsFileError } from './server-secrets.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sakhi-secrets-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('server secrets file', () => {
  it('is made on first load, readable by its owner only, and read back the same', () => {
    const file = join(root, 'nested', 'secrets.json');
    const first = loadServerSecrets(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.keyWrappingKey).toHaveLength(32);
    expect(Buffer.from(first.sealingPublicKey, 'base64url')).toHaveLength(32);

    const again = loadServerSecrets(file);
    expect(again.keyWrappingKey.equals(first.keyWrappingKey)).toBe(true);
    expect(again.sealingPublicKey).toBe(first.sealingPublicKey);
  });

  it('adds a username key to a file made before it, keeping every key it had', () => {
    const file = join(root, 'secrets.json');
    const first = loadServerSecrets(file);
    const older = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete older.usernameKey;
    writeFileSync(file, JSON.stringify(older), { mode: 0o600 });

    const upgraded = loadServerSecrets(file);
    expect(upgraded.keyWrappingKey.equals(first.keyWrappingKey)).toBe(true);
    expect(upgraded.sealingPublicKey).toBe(first.sealingPublicKey);
    expect(upgraded.usernameKey).toHaveLength(32);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      ...older,
      usernameKey: upgraded.usernameKey.toString('base64url'),
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadServerSecrets(file).usernameKey.equals(upgraded.usernameKey)).toBe(true);
  });

  it('waits for another process adding the username key, and stops if it never does', () => {
    const file = join(root, 'secrets.json');
    loadServerSecrets(file);
    const older = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete older.usernameKey;
    writeFileSync(file, JSON.stringify(older), { mode: 0o600 });
    writeFileSync(`${file}.upgrade-lock`, '1');
    expect(() => loadServerSecrets(file)).toThrow(/upgrade-lock/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(older);
  }, 20_000);

  it('stops the start on a damaged file and leaves it as it was', () => {
    const file = join(root, 'secrets.json');
    writeFileSync(file, '{"format":"sakhi-server-secrets-v1"}', { mode: 0o600 });
    expect(() => loadServerSecrets(file)).toThrow(SecretsFileError);
    expect(() => loadServerSecrets(file)).toThrow(/secrets\.json is not a Sakhi secrets file/);
    expect(readFileSync(file, 'utf8')).toBe('{"format":"sakhi-server-secrets-v1"}');
  });

  it.skipIf(process.getuid?.() === 0)('stops the start on a file it cannot read', () => {
    const file = join(root, 'secrets.json');
    loadServerSecrets(file);
    chmodSync(file, 0o000);
    expect(() => loadServerSecrets(file)).toThrow(/cannot be read/);
  });
});
