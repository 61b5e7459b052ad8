/**
 * Sync tests written once and run on both engines: a migrated database (with the sync
 * migration), two centres with staff and tablets, and builders for mutations.
 *
 *   const database = await openSyncTestDatabase('sqlite');   // or ('postgres', inject('databaseUrl'))
 *   const fixture = await seedSyncFixture(database.db);
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { buildNewCase } from '../../src/domain/case.ts';
import {
  deviceTagForIndex,
  formatCaseNumber,
  type CaseNumberIssuer,
} from '../../src/domain/case-number.ts';
import { formatStamp } from '../../src/domain/hlc.ts';
import {
  PROTOCOL_VERSION,
  type Mutation,
  type PushRequest,
  type PushResponse,
  type RejectedResult,
} from '../../src/domain/protocol.ts';
import type { Role } from '../../src/domain/vocabularies-staff.ts';
import { openDatabase } from '../../server/db/database.ts';
import { MIGRATIONS, migrateToLatest } from '../../server/db/migrate.ts';
import type { SyncDatabase, SyncTables } from '../../server/db/sync-schema.ts';
import type { SyncActor } from '../../server/services/sync-scope.ts';
import { createTestDatabase, dropTestDatabase } from './postgres.ts';

/** The migrations the sync tests run: all of them, now that 0003-sync is wired in. */
export const SYNC_MIGRATIONS = MIGRATIONS;

export const SYNC_START = new Date('2026-03-08T09:30:00.000Z');

export interface SyncTestDatabase {
  engine: 'sqlite' | 'postgres';
  db: Kysely<SyncDatabase>;
  /** Connection URL on PostgreSQL (for a second server on the same database). */
  url: string | null;
  close(): Promise<void>;
}

export type SyncDatabaseFactory = () => Promise<SyncTestDatabase>;

export async function openSyncTestDatabase(
  engine: 'sqlite' | 'postgres',
  baseUrl?: string,
): Promise<SyncTestDatabase> {
  if (engine === 'sqlite') {
    const root = mkdtempSync(join(tmpdir(), 'sakhi-sync-'));
    const database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
    const db = database.db.withTables<SyncTables>();
    await migrateToLatest(db, SYNC_MIGRATIONS);
    return {
      engine,
      db,
      url: null,
      close: async () => {
        await database.close();
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  if (!baseUrl)
    throw new Error('PostgreSQL sync tests need the databaseUrl the pg project provides');
  const url = await createTestDatabase(baseUrl);
  const database = openDatabase({ dialect: 'postgres', url });
  const db = database.db.withTables<SyncTables>();
  await migrateToLatest(db, SYNC_MIGRATIONS);
  return {
    engine,
    db,
    url,
    close: async () => {
      await database.close();
      await dropTestDatabase(baseUrl, url);
    },
  };
}

/** A seeded PostgreSQL sync database, and a second connection pool of its own onto it. */
export interface TwoPoolSyncDatabase {
  readonly database: SyncTestDatabase;
  /**
   * What another server process on the same database would hold: a pool whose
   * transactions and locks are not the first pool's.
   */
  readonly secondPool: Kysely<SyncDatabase>;
  readonly fixture: SyncFixture;
  /** Closes both pools and drops the database. */
  close(): Promise<void>;
}

/** For tests of what two servers (or two connections) on one PostgreSQL database do. */
export async function openTwoPoolSyncDatabase(baseUrl: string): Promise<TwoPoolSyncDatabase> {
  const database = await openSyncTestDatabase('postgres', baseUrl);
  const second = openDatabase({ dialect: 'postgres', url: database.url! });
  const close = async () => {
    await second.close();
    await database.close();
  };
  try {
    const fixture = await seedSyncFixture(database.db);
    return { database, secondPool: second.db.withTables<SyncTables>(), fixture, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface SyncFixture {
  own: { id: string };
  other: { id: string };
  /** Each with a registered tablet; `caseworker2` shares the centre with a second tablet. */
  actors: Record<
    'manager' | 'caseworker' | 'caseworker2' | 'counsellor' | 'otherCaseworker' | 'stateAdmin',
    SyncActor
  >;
}

/**
 * Each test tablet's district and tag, for the case numbers tests give (the server
 * refuses a number that is not the pushing tablet's). One map for the test process, like
 * the device keys (./device-keys.ts).
 */
const issuers = new Map<string, CaseNumberIssuer>();
let lastSerial = 0;

export function registerCaseNumberIssuer(deviceId: string, issuer: CaseNumberIssuer): void {
  issuers.set(deviceId, issuer);
}

/** The district and tag the server holds for test tablet `deviceId`. */
export function caseNumberIssuerOf(deviceId: string): CaseNumberIssuer {
  const issuer = issuers.get(deviceId);
  if (!issuer) throw new Error(`no district and tag known for test tablet ${deviceId}`);
  return issuer;
}

/** A new case number of `deviceId`'s own: its district, its tag, a serial never used. */
export function caseNumberFor(deviceId: string): string {
  return formatCaseNumber({ ...caseNumberIssuerOf(deviceId), year: 2026, serial: ++lastSerial });
}

// Three-letter district codes no other fixture of this process has used, never the API
// fixture's LKO and VNS; from a random start, so databases shared by processes rarely meet.
let lastDistrict = Math.floor(Math.random() * 26 ** 3);
function nextDistrictCode(): string {
  for (;;) {
    lastDistrict = (lastDistrict + 1) % 26 ** 3;
    const code = [26 ** 2, 26, 1]
      .map((place) => String.fromCharCode(65 + (Math.floor(lastDistrict / place) % 26)))
      .join('');
    if (code !== 'LKO' && code !== 'VNS') return code;
  }
}
let lastTag = 0;

/** Two centres, staff at each, one tablet each; ids are fresh so suites can share a database. */
export async function seedSyncFixture(db: Kysely<SyncDatabase>): Promise<SyncFixture> {
  const at = SYNC_START.toISOString();
  const own = { id: randomUUID(), districtCode: nextDistrictCode() };
  const other = { id: randomUUID(), districtCode: nextDistrictCode() };
  const districtOf = (centreId: string | null) =>
    centreId === own.id ? own.districtCode : centreId === other.id ? other.districtCode : null;
  await db
    .insertInto('centres')
    .values(
      [own, other].map(({ id, districtCode }) => ({
        id,
        district_code: districtCode,
        name_hi: 'परीक्षण केंद्र',
        name_en: 'Test centre',
        created_at: at,
      })),
    )
    .execute();
  const makeActor = async (role: Role, centreId: string | null): Promise<SyncActor> => {
    const userId = randomUUID();
    const deviceId = `tab-${randomUUID().slice(0, 8)}`;
    const deviceTag = deviceTagForIndex(++lastTag % 32 ** 2);
    const districtCode = districtOf(centreId);
    await db
      .insertInto('users')
      .values({
        id: userId,
        centre_id: centreId,
        role,
        // Unique per user: conflict cards name the writer, and tests tell writers apart.
        display_name: `परीक्षण ${role} ${userId.slice(0, 4)}`,
        username: `sync.${userId}`,
        password_hash: 'not-a-hash',
        created_at: at,
      })
      .execute();
    await db
      .insertInto('devices')
      .values({
        id: deviceId,
        user_id: userId,
        tag: deviceTag,
        registered_at: at,
        last_seen_at: at,
        centre_id: centreId,
        tag_scope: districtCode ?? 'HQ',
      })
      .execute();
    // A headquarters tablet may not register cases at all (refused before its number is
    // looked at); its tests still need a well-formed number to try.
    registerCaseNumberIssuer(deviceId, {
      districtCode: districtCode ?? own.districtCode,
      deviceTag,
    });
    return { userId, deviceId, role, centreId };
  };
  return {
    own: { id: own.id },
    other: { id: other.id },
    actors: {
      manager: await makeActor('manager', own.id),
      caseworker: await makeActor('caseworker', own.id),
      caseworker2: await makeActor('caseworker', own.id),
      counsellor: await makeActor('counsellor', own.id),
      otherCaseworker: await makeActor('caseworker', other.id),
      stateAdmin: await makeActor('state_admin', null),
    },
  };
}

/**
 * One more tablet for `actor`'s account, registered as the server registers one (its own
 * tag in its centre's district), so its case numbers pass the server's check.
 */
export async function addTestTablet(
  db: Kysely<SyncDatabase>,
  actor: SyncActor,
  deviceId: string,
): Promise<SyncActor> {
  const at = SYNC_START.toISOString();
  const centre = await db
    .selectFrom('centres')
    .select('district_code')
    .where('id', '=', actor.centreId ?? '')
    .executeTakeFirstOrThrow();
  const deviceTag = deviceTagForIndex(++lastTag % 32 ** 2);
  await db
    .insertInto('devices')
    .values({
      id: deviceId,
      user_id: actor.userId,
      tag: deviceTag,
      registered_at: at,
      last_seen_at: at,
      centre_id: actor.centreId,
      tag_scope: centre.district_code,
    })
    .execute();
  registerCaseNumberIssuer(deviceId, { districtCode: centre.district_code, deviceTag });
  return { ...actor, deviceId };
}

/** A stamp `offsetMs` after SYNC_START from `deviceId`. */
export function stampAt(offsetMs: number, deviceId: string, counter = 0): string {
  return formatStamp({ wallMs: SYNC_START.getTime() + offsetMs, counter, deviceId });
}

type FieldValues = Readonly<Record<string, unknown>>;

/**
 * A mutation writing `values`, each field stamped `stamp` over `bases` (null where absent).
 * Its id is `id`: by default a random UUID; a tablet's own are UUIDv7 (src/platform/ids.ts).
 */
export function mutationOf(
  target: Pick<Mutation, 'recordType' | 'recordId' | 'caseId'>,
  values: FieldValues,
  stamp: string,
  bases: Readonly<Record<string, string | null>> = {},
  id: string = randomUUID(),
): Mutation {
  return {
    id,
    ...target,
    fields: Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        { value, stamp, base: bases[name] ?? null },
      ]),
    ),
  };
}

/** `newId` makes the case's id and the mutation's (random UUIDs unless given). */
export function newCaseMutation(
  actor: SyncActor,
  stamp: string,
  overrides: FieldValues = {},
  newId: () => string = randomUUID,
): Mutation {
  const id = newId();
  const values = {
    ...buildNewCase({
      id,
      centreId: actor.centreId ?? randomUUID(),
      caseNumber: caseNumberFor(actor.deviceId),
      registeredAt: SYNC_START.toISOString(),
      registeredBy: actor.userId,
      arrivalRoute: 'walk_in',
      survivorName: 'सीता देवी',
    }),
    ...overrides,
  };
  return mutationOf({ recordType: 'case', recordId: id, caseId: id }, values, stamp, {}, newId());
}

export function newNoteMutation(
  actor: SyncActor,
  caseId: string,
  centreId: string,
  stamp: string,
  text = 'परामर्श सत्र हुआ।',
  newId: () => string = randomUUID,
): Mutation {
  const id = newId();
  return mutationOf(
    { recordType: 'note', recordId: id, caseId },
    {
      id,
      caseId,
      centreId,
      recordedAt: SYNC_START.toISOString(),
      recordedBy: actor.userId,
      deleted: false,
      text,
    },
    stamp,
    {},
    newId(),
  );
}

export function pushRequestOf(actor: SyncActor, mutations: Mutation[]): PushRequest {
  return { protocolVersion: PROTOCOL_VERSION, deviceId: actor.deviceId, mutations };
}

export type PushResult =
  { readonly mutationId: string; readonly status: 'applied' | 'duplicate' } | RejectedResult;

/**
 * A push answer as one status per mutation sent, in order, for tests to read. The
 * services answer a mutation repeated within a batch too (the tablet never sends one): its
 * first delivery applied or refused, the later ones duplicates. Throws unless the answer
 * accounts for every mutation sent.
 */
export function resultsInOrder(response: PushResponse, sent: readonly Mutation[]): PushResult[] {
  const remaining = countOf(sent.map((mutation) => mutation.id));
  const duplicatesLeft = countOf(response.duplicates);
  const rejectedLeft = [...response.rejected];
  const results = sent.map(({ id: mutationId }): PushResult => {
    remaining.set(mutationId, remaining.get(mutationId)! - 1);
    const rejection = rejectedLeft.findIndex((result) => result.mutationId === mutationId);
    if (rejection >= 0) return rejectedLeft.splice(rejection, 1)[0]!;
    const duplicates = duplicatesLeft.get(mutationId) ?? 0;
    if (duplicates <= remaining.get(mutationId)!) return { mutationId, status: 'applied' };
    duplicatesLeft.set(mutationId, duplicates - 1);
    return { mutationId, status: 'duplicate' };
  });
  const applied = results.filter((result) => result.status === 'applied').length;
  if (applied !== response.applied || rejectedLeft.length > 0) {
    throw new Error(
      `the push answer does not match the mutations sent: ${JSON.stringify(response)}`,
    );
  }
  return results;
}

function countOf(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
