/**
 * The admin CLI's commands, as functions of (database, arguments, io), so tests run them
 * directly; server/cli/admin.ts wires them to the real process. Every change a command
 * makes is written to the audit log as done from the CLI (no user, no tablet).
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { centreSchema } from '../../src/domain/centre.ts';
import { isHeadquartersRole, usernameSchema } from '../../src/domain/staff.ts';
import { roles, type Role } from '../../src/domain/vocabularies-staff.ts';
import type { DatabaseConfig } from '../config.ts';
import type { Centre } from '../db/schema.ts';
import { ServiceError } from '../services/service-error.ts';
import {
  createCentre,
  createUser,
  disableUser,
  findCentre,
  findCentreByDistrict,
  findUserByUsername,
  resetPassword,
} from '../services/accounts.ts';
import { recordAudit, type AuditEntry } from '../services/audit.ts';
import type { ServiceContext } from '../services/context.ts';
import { findDevice, listDevices, revokeDevice } from '../services/devices.ts';
import { MIN_PASSWORD_LENGTH } from '../services/password-policy.ts';
import { pruneExpiredRows } from '../services/pruning.ts';
import { RefusedError, UsageError, type AdminIo } from './admin-io.ts';
import { renewCopiedLogId } from './restore-commands.ts';

export type Options = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  ctx: ServiceContext;
  io: AdminIo;
  database: DatabaseConfig;
}

function required(options: Options, name: string, example: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} is required, e.g. --${name} ${example}`);
  }
  return value.trim();
}

function optional(options: Options, name: string): string | null {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

async function auditCli(ctx: ServiceContext, entry: Omit<AuditEntry, 'outcome'>) {
  await recordAudit(ctx.db, ctx.now(), {
    ...entry,
    outcome: 'success',
    details: { ...entry.details, via: 'admin-cli', osUser: safeOsUser() },
  });
}

export function safeOsUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

async function resolveCentre(ctx: ServiceContext, idOrCode: string): Promise<Centre> {
  const centre =
    (await findCentreByDistrict(ctx.db, idOrCode.toUpperCase())) ??
    (await findCentre(ctx.db, idOrCode));
  if (!centre) {
    throw new RefusedError(
      `no centre "${idOrCode}": give a district code such as LKO or a centre id; create it first with: npm run admin -- create-centre --district ${idOrCode.toUpperCase()} --name-hi "…" --name-en "…"`,
    );
  }
  return centre;
}

async function readNewPassword(io: AdminIo, who: string): Promise<string> {
  const password = await io.readPassword(`New password for ${who}`);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
}

export async function createCentreCommand({ ctx, io }: CommandContext, options: Options) {
  const parsed = centreSchema.safeParse({
    id: '00000000-0000-4000-8000-000000000000',
    districtCode: required(options, 'district', 'LKO').toUpperCase(),
    nameHi: required(options, 'name-hi', '"वन स्टॉप सेंटर, लखनऊ"'),
    nameEn: required(options, 'name-en', '"One Stop Centre, Lucknow"'),
    phone: required(options, 'phone', '05222000000'),
    address: required(options, 'address', '"…, Lucknow, Uttar Pradesh"'),
    email: optional(options, 'email'),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new UsageError(`the centre is not valid: ${problems.join('; ')}`);
  }
  let centre: Centre;
  try {
    centre = await createCentre(ctx, parsed.data);
  } catch (error) {
    if (error instanceof RangeError) throw new RefusedError(error.message);
    throw error;
  }
  await auditCli(ctx, {
    action: 'centre.create',
    resourceType: 'centre',
    resourceId: centre.id,
    centreId: centre.id,
    details: { districtCode: centre.district_code },
  });
  io.out(`created centre ${centre.district_code} (${centre.name_en}), id ${centre.id}`);
}

export async function createUserCommand({ ctx, io }: CommandContext, options: Options) {
  const username = required(options, 'username', 'lko.manager').toLowerCase();
  if (!usernameSchema.safeParse(username).success) {
    throw new UsageError('--username: 3 to 32 characters, small letters a-z, digits, . _ -');
  }
  const role = required(options, 'role', 'manager') as Role;
  if (!roles.some((term) => term.code === role)) {
    throw new UsageError(`--role must be one of: ${roles.map((term) => term.code).join(', ')}`);
  }
  const centreOption = optional(options, 'centre');
  if (isHeadquartersRole(role) && centreOption) {
    throw new UsageError(
      `${role} is a headquarters role and belongs to no centre: leave out --centre`,
    );
  }
  if (!isHeadquartersRole(role) && !centreOption) {
    throw new UsageError(
      `${role} works at a centre: add --centre with its district code, e.g. --centre LKO`,
    );
  }
  const centre = centreOption ? await resolveCentre(ctx, centreOption) : null;
  const password = await readNewPassword(io, username);
  try {
    const user = await createUser(
      ctx,
      {
        username,
        displayName: optional(options, 'display-name') ?? username,
        role,
        centreId: centre?.id ?? null,
        password,
      },
      (trx, created) =>
        recordAudit(trx, ctx.now(), {
          action: 'user.create',
          outcome: 'success',
          resourceType: 'user',
          resourceId: created.id,
          centreId: created.centre_id,
          details: { username, role, via: 'admin-cli', osUser: safeOsUser() },
        }),
    );
    io.out(
      `created ${role} ${username}${centre ? ` at ${centre.district_code}` : ''}, id ${user.id}`,
    );
  } catch (error) {
    if (error instanceof ServiceError) throw new RefusedError(error.localized.en);
    throw error;
  }
}

/** The account can no longer sign in; every session of it ends. Disabling twice keeps the first time. */
export async function disableUserCommand(
  { ctx, io }: CommandContext,
  options: Options,
  args: string[],
) {
  const username = (optional(options, 'username') ?? args[0] ?? '').toLowerCase();
  if (!username) throw new UsageError('name the account: disable-user --username lko.nurse');
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new RefusedError(`no user "${username}"`);
  await disableUser(ctx.db, user.id, ctx.now());
  await auditCli(ctx, {
    action: 'user.disable',
    resourceType: 'user',
    resourceId: user.id,
    centreId: user.centre_id,
    details: { username, alreadyDisabled: user.disabled_at !== null },
  });
  io.out(`${username} is disabled; every session of ${username} has ended`);
}

export async function resetPasswordCommand(
  { ctx, io }: CommandContext,
  options: Options,
  args: string[],
) {
  const username = (optional(options, 'username') ?? args[0] ?? '').toLowerCase();
  if (!username) throw new UsageError('name the account: reset-password --username lko.manager');
  const user = await findUserByUsername(ctx.db, username);
  if (!user)
    throw new RefusedError(
      `no user "${username}"; list them in the app or create one with create-user`,
    );
  const password = await readNewPassword(io, username);
  try {
    await resetPassword(ctx, user, password);
  } catch (error) {
    if (error instanceof ServiceError) throw new RefusedError(error.localized.en);
    throw error;
  }
  await auditCli(ctx, {
    action: 'user.reset_password',
    resourceType: 'user',
    resourceId: user.id,
    centreId: user.centre_id,
    details: { username },
  });
  io.out(`new password set for ${username}; every session of ${username} has ended`);
}

/** What the running server does every hour, once now (docs/operations.md, "What is kept how long"). */
export async function pruneCommand({ ctx, io }: CommandContext) {
  const pruned = await pruneExpiredRows(ctx.db, ctx.now());
  io.out(
    `deleted ${pruned.sessions} expired sessions and ${pruned.throttles} sign-in counts past their window`,
  );
}

export async function listDevicesCommand({ ctx, io }: CommandContext, options: Options) {
  const centreOption = optional(options, 'centre');
  const filter = centreOption
    ? { kind: 'centre' as const, centreId: (await resolveCentre(ctx, centreOption)).id }
    : { kind: 'all' as const };
  const devices = await listDevices(ctx.db, filter);
  if (devices.length === 0) {
    io.out('no tablets registered');
    return;
  }
  io.out(['id', 'tag', 'scope', 'user', 'registered', 'last seen', 'revoked'].join('\t'));
  for (const device of devices) {
    io.out(
      [
        device.id,
        device.tag,
        device.tag_scope ?? '',
        device.username,
        device.registered_at,
        device.last_seen_at,
        device.revoked_at ?? '-',
      ].join('\t'),
    );
  }
}

export async function revokeDeviceCommand(
  { ctx, io }: CommandContext,
  _options: Options,
  args: string[],
) {
  const deviceId = args[0];
  if (!deviceId)
    throw new UsageError('name the tablet: revoke-device <device id> (see list-devices)');
  const device = await findDevice(ctx.db, deviceId);
  if (!device) throw new RefusedError(`no tablet "${deviceId}"; see list-devices for the ids`);
  await ctx.db.transaction().execute(async (trx) => {
    await revokeDevice(trx, { deviceId, now: ctx.now(), revokedBy: null });
    await recordAudit(trx, ctx.now(), {
      action: 'device.revoke',
      outcome: 'success',
      resourceType: 'device',
      resourceId: deviceId,
      centreId: device.centre_id,
      details: { tag: device.tag, via: 'admin-cli', osUser: safeOsUser() },
    });
  });
  io.out(`revoked tablet ${deviceId} (tag ${device.tag}); it wipes its data on its next contact`);
}

/**
 * SQLite: an online copy, safe while the server runs, with its own change-log id
 * (restore-commands.ts). PostgreSQL: the pg_dump to run.
 */
export async function backupCommand(
  { ctx, io, database }: CommandContext,
  _options: Options,
  args: string[],
) {
  const target = args[0];
  if (!target)
    throw new UsageError('name the backup file: backup /var/backups/sakhi-2026-03-08.sqlite');
  const file = resolve(target);
  if (database.dialect === 'postgres') {
    io.out(pgDumpCommand(database.url, file));
    io.out('# the password is not shown: set PGPASSWORD or use ~/.pgpass (chmod 600)');
    io.out('# after restoring it (pg_restore), run: npm run admin -- renew-log-id');
    return;
  }
  if (existsSync(file)) throw new RefusedError(`${file} exists; choose a new file name`);
  if (!existsSync(database.file))
    throw new RefusedError(`no database at ${database.file}: check SAKHI_DATA_DIR`);
  const source = new SqliteDatabase(database.file, { fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
  renewCopiedLogId(file, ctx.now());
  io.out(`backed up ${database.file} to ${file}`);
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function pgDumpCommand(url: string, file: string): string {
  const parsed = new URL(url);
  const parts = [
    'pg_dump',
    '--format=custom',
    `--file=${shellQuote(file)}`,
    `--host=${shellQuote(decodeURIComponent(parsed.hostname) || 'localhost')}`,
    `--port=${parsed.port || '5432'}`,
  ];
  if (parsed.username) parts.push(`--username=${shellQuote(decodeURIComponent(parsed.username))}`);
  parts.push(`--dbname=${shellQuote(decodeURIComponent(parsed.pathname.slice(1)) || 'postgres')}`);
  return parts.join(' ');
}
