// @vitest-environment node
// The admin CLI, as functions (fast, cheap password cost) and once as a real process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD_PARAMS } from '../../tests/support/api-harness.ts';
import { openDatabase } from '../db/database.ts';
import type { SyncTables } from '../db/sync-schema.ts';
import { DEMO_PASSWORD } from '../services/demo-seed.ts';
import { verifyPassword } from '../services/passwords.ts';
import { registerDevice } from '../services/devices.ts';
import type { AdminIo } from './admin-io.ts';
import { runAdmin } from './admin.ts';
import { pgDumpCommand } from './commands.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sakhi-admin-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function fakeIo(passwords: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: AdminIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readPassword: () => Promise.resolve(passwords.shift() ?? ''),
  };
  return { io, out, err };
}

async function admin(argv: string[], passwords: string[] = []) {
  const { io, out, err } = fakeIo(passwords);
  const code = await runAdmin(argv, {
    env: { SAKHI_DATA_DIR: dataDir },
    io,
    passwordParams: TEST_PASSWORD_PARAMS,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function withDatabase<T>(use: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>) {
  const database = openDatabase({ dialect: 'sqlite', file: join(dataDir, 'sakhi.sqlite') });
  return use(database.db).finally(() => database.close());
}

const LUCKNOW = [
  'create-centre',
  '--district',
  'lko',
  '--name-hi',
  'वन स्टॉप सेंटर, लखनऊ',
  '--name-en',
  'One Stop Centre, Lucknow',
  '--phone',
  '05222000000',
  '--address',
  'महिला कल्याण भवन, लखनऊ',
];

describe('npm run admin', () => {
  it('creates a centre, then refuses a second one in the same district', async () => {
    const created = await admin(LUCKNOW);
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toMatch(/created centre LKO/);
    const again = await admin(LUCKNOW);
    expect(again.code).toBe(1);
    expect(again.err).toContain('LKO already has a centre');
  });

  it('refuses a district that does not exist, saying what is wrong', async () => {
    const result = await admin([
      'create-centre',
      '--district',
      'XYZ',
      '--name-hi',
      'क',
      '--name-en',
      'x',
      '--phone',
      '05222000000',
      '--address',
      'x',
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('districtCode');
  });

  it('creates users with a password read from stdin, never from arguments', async () => {
    await admin(LUCKNOW);
    const manager = await admin(
      [
        'create-user',
        '--username',
        'LKO.Manager',
        '--role',
        'manager',
        '--centre',
        'LKO',
        '--password-stdin',
      ],
      ['a long enough password'],
    );
    expect(manager).toMatchObject({ code: 0, err: '' });
    const adminUser = await admin(
      [
        'create-user',
        '--username',
        'state.admin',
        '--role',
        'state_admin',
        '--display-name',
        'राज्य प्रशासक',
      ],
      ['another long password'],
    );
    expect(adminUser.code).toBe(0);
    await withDatabase(async (db) => {
      const users = await db.selectFrom('users').selectAll().orderBy('username').execute();
      expect(users.map((user) => [user.username, user.role])).toEqual([
        ['lko.manager', 'manager'],
        ['state.admin', 'state_admin'],
      ]);
      expect(await verifyPassword('a long enough password', users[0]!.password_hash)).toBe(true);
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'user.create')
        .execute();
      expect(audit).toHaveLength(2);
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ via: 'admin-cli' });
    });
    const unknownOption = await admin(['create-user', '--password', 'secret'], []);
    expect(unknownOption.code).toBe(2);
  });

  it.each([
    [['create-user', '--username', 'x.y', '--role', 'nurse'], 2, '--centre'],
    [
      ['create-user', '--username', 'x.y', '--role', 'state_admin', '--centre', 'LKO'],
      2,
      'belongs to no centre',
    ],
    [
      ['create-user', '--username', 'x.y', '--role', 'janitor', '--centre', 'LKO'],
      2,
      '--role must be one of',
    ],
    [
      ['create-user', '--username', 'x.y', '--role', 'nurse', '--centre', 'AGR'],
      1,
      'create-centre --district AGR',
    ],
    [['create-user', '--username', 'x.y', '--role', 'state_analyst'], 2, 'at least 10 characters'],
    [['reset-password', '--username', 'nobody'], 1, 'no user "nobody"'],
    [['revoke-device'], 2, 'revoke-device <device id>'],
    [['revoke-device', 'no-such-tablet'], 1, 'list-devices'],
    [['frobnicate'], 2, 'unknown command'],
  ])('%j exits %i and says what to do', async (argv, code, message) => {
    await admin(LUCKNOW);
    const result = await admin(argv, ['short']);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
  });

  it('resets a password and ends that user’s sessions', async () => {
    await admin(
      ['create-user', '--username', 'state.admin', '--role', 'state_admin'],
      ['first password 1'],
    );
    const reset = await admin(['reset-password', 'state.admin'], ['second password 2']);
    expect(reset.code).toBe(0);
    await withDatabase(async (db) => {
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(await verifyPassword('second password 2', user.password_hash)).toBe(true);
    });
  });

  it('prunes old sign-in counts once, as the running server does every hour', async () => {
    expect((await admin(['prune'])).code).toBe(0);
    const old = new Date(Date.now() - 16 * 60 * 1000).toISOString();
    const fresh = new Date().toISOString();
    await withDatabase((db) =>
      db
        .insertInto('sign_in_throttles')
        .values([
          { key: 'account:old', window_started_at: old, failures: 2 },
          { key: 'account:fresh', window_started_at: fresh, failures: 2 },
        ])
        .execute(),
    );
    const pruned = await admin(['prune']);
    expect(pruned).toMatchObject({ code: 0, err: '' });
    expect(pruned.out).toMatch(/0 expired sessions and 1 sign-in count/);
    const keys = await withDatabase((db) =>
      db.selectFrom('sign_in_throttles').select('key').execute(),
    );
    expect(keys.map((row) => row.key)).toEqual(['account:fresh']);
  });

  it('disables an account: it cannot sign in, its sessions end, the audit log says so', async () => {
    await admin(
      ['create-user', '--username', 'state.admin', '--role', 'state_admin'],
      ['first password 1'],
    );
    const disabled = await admin(['disable-user', '--username', 'state.admin']);
    expect(disabled.code).toBe(0);
    expect(disabled.out).toContain('state.admin is disabled');
    expect(await admin(['disable-user', 'nobody'])).toMatchObject({ code: 1 });
    await withDatabase(async (db) => {
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user.disabled_at).not.toBeNull();
      const audit = await db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'user.disable')
        .execute();
      expect(audit).toHaveLength(1);
    });
  });

  it('refuses a guessable password or the demo password when creating or resetting', async () => {
    const weak = await admin(
      ['create-user', '--username', 'state.admin', '--role', 'state_admin'],
      ['password12'],
    );
    expect(weak).toMatchObject({ code: 1 });
    expect(weak.err).toContain('easy to guess');
    await admin(
      ['create-user', '--username', 'state.admin', '--role', 'state_admin'],
      ['first password 1'],
    );
    const demo = await admin(['reset-password', 'state.admin'], [DEMO_PASSWORD]);
    expect(demo).toMatchObject({ code: 1 });
    expect(demo.err).toContain('demo password');
    await withDatabase(async (db) => {
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(await verifyPassword('first password 1', user.password_hash)).toBe(true);
    });
  });

  it('lists and revokes tablets', async () => {
    await admin(LUCKNOW);
    await admin(
      ['create-user', '--username', 'lko.nurse', '--role', 'nurse', '--centre', 'LKO'],
      ['nurse password 1'],
    );
    await withDatabase(async (db) => {
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      await registerDevice(db, {
        deviceId: 'tablet-1',
        name: null,
        owner: { userId: user.id, centreId: user.centre_id, districtCode: 'LKO' },
        now: new Date(),
      });
    });
    const listed = await admin(['list-devices', '--centre', 'LKO']);
    expect(listed.out).toMatch(/tablet-1\t00\tLKO\tlko\.nurse/);
    const revoked = await admin(['revoke-device', 'tablet-1']);
    expect(revoked).toMatchObject({ code: 0 });
    expect((await admin(['list-devices'])).out).not.toMatch(/tablet-1.*\t-$/m);
    await withDatabase(async (db) => {
      const device = await db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
      expect(device.revoked_at).not.toBeNull();
    });
  });

  it('backs up SQLite online to a new file, and refuses to overwrite one', async () => {
    await admin(LUCKNOW);
    const file = join(dataDir, 'backup.sqlite');
    expect(await admin(['backup', file])).toMatchObject({ code: 0 });
    const copy = new SqliteDatabase(file, { readonly: true });
    expect(copy.prepare('select district_code from centres').all()).toEqual([
      { district_code: 'LKO' },
    ]);
    // A restored copy must refuse the cursors tablets got from the live database.
    const logIdIn = (db: SqliteDatabase.Database) =>
      (db.prepare('select log_id from sync_change_log').get() as { log_id: string }).log_id;
    const live = new SqliteDatabase(join(dataDir, 'sakhi.sqlite'), { readonly: true });
    expect(logIdIn(copy)).toMatch(/^[0-9a-f-]{36}$/);
    expect(logIdIn(copy)).not.toBe(logIdIn(live));
    live.close();
    copy.close();
    expect((await admin(['backup', file])).code).toBe(1);
  });

  it('renews the change-log id after a restore, and audits it', async () => {
    await admin(LUCKNOW);
    const logIdNow = () =>
      withDatabase(async (db) =>
        db.withTables<SyncTables>().selectFrom('sync_change_log').select('log_id').execute(),
      );
    const [before] = await logIdNow();
    const renewed = await admin(['renew-log-id']);
    expect(renewed).toMatchObject({ code: 0 });
    const after = await logIdNow();
    expect(after).toHaveLength(1);
    expect(after[0]!.log_id).not.toBe(before!.log_id);
    expect(renewed.out).toContain(after[0]!.log_id);
    await withDatabase(async (db) => {
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'resource_id'])
        .where('action', '=', 'sync.renew_log_id')
        .execute();
      expect(audit).toEqual([{ action: 'sync.renew_log_id', resource_id: after[0]!.log_id }]);
    });
  });

  it('prints the pg_dump command for PostgreSQL, without the password', () => {
    const command = pgDumpCommand(
      'postgres://sakhi:s3cret@db.internal:6432/sakhi_up',
      '/backups/x.dump',
    );
    expect(command).toBe(
      'pg_dump --format=custom --file=/backups/x.dump --host=db.internal --port=6432 --username=sakhi --dbname=sakhi_up',
    );
    expect(command).not.toContain('s3cret');
  });

  it('works as a real process: npm run admin -- create-user with the password on stdin', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/admin.ts',
        'create-user',
        '--username',
        'state.admin',
        '--role',
        'state_admin',
        '--password-stdin',
      ],
      {
        cwd: root,
        env: { ...process.env, SAKHI_DATA_DIR: dataDir },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end('a real long password\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('created state_admin state.admin');
    expect(existsSync(join(dataDir, 'sakhi.sqlite'))).toBe(true);
  }, 30_000);
});
