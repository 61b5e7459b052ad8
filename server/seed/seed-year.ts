/**
 * `npm run seed`: a realistic year of every district centre's cases, written through the
 * push a tablet uses (applyPush: the same checks, merge, change log and report facts).
 *
 * What must hold:
 * - Deterministic given `seed`: the same cases, dates and codes every run (record ids
 *   included), so a figure can be checked again.
 * - Each centre's cases follow its district's population (2011, approximate), and each
 *   month's follow a yearly rhythm; the total is exactly `cases`.
 * - The seeded accounts (one manager and one tablet a centre) are disabled: nobody can
 *   sign in with them. Only use the seed on a database meant for testing or training.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { districts } from '../../src/domain/districts.ts';
import { PROTOCOL_VERSION, type Mutation } from '../../src/domain/protocol.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { registerDevice } from '../services/devices.ts';
import { applyPush } from '../services/sync-push.ts';
import { CentreYear, indiaInstant, type Random, type SeedWriter } from './year-cases.ts';

export interface SeedYearOptions {
  readonly year: number;
  readonly cases: number;
  readonly seed: number;
  /** Called after each push with how many cases are stored so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Relative case load by month: fewer in the monsoon and festival months, more in spring. */
const MONTH_WEIGHTS = [0.95, 0.95, 1.05, 1.0, 1.1, 1.15, 1.05, 0.9, 0.9, 0.85, 0.95, 1.15];
const MUTATIONS_PER_PUSH = 500;

/** A deterministic random (mulberry32): the same sequence on every machine. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `total` shared in proportion to `weights`, by largest remainder: the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) }));
  order.sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

export async function seedYear(db: Kysely<SyncDatabase>, options: SeedYearOptions): Promise<void> {
  const random = seededRandom(options.seed);
  const writers = await ensureWriters(db, options);
  const perDistrict = apportion(
    options.cases,
    districts.map((district) => district.populationMillions),
  );
  let done = 0;
  for (const [index, writer] of writers.entries()) {
    const year = new CentreYear(writer, random, options.year);
    const perMonth = apportion(perDistrict[index]!, MONTH_WEIGHTS);
    let sequence = 0;
    const starts: number[] = [];
    perMonth.forEach((count, monthIndex) => {
      const daysInMonth = new Date(Date.UTC(options.year, monthIndex + 1, 0)).getUTCDate();
      for (let i = 0; i < count; i++) {
        const day = 1 + Math.floor(random() * daysInMonth);
        starts.push(indiaInstant(options.year, monthIndex + 1, day, Math.floor(random() * 1440)));
      }
    });
    starts.sort((a, b) => a - b);
    for (const start of starts) year.addCase(start, ++sequence);
    await pushAll(db, writer, year.mutations);
    done += starts.length;
    options.onProgress?.(done, options.cases);
  }
}

async function pushAll(
  db: Kysely<SyncDatabase>,
  writer: SeedWriter,
  mutations: readonly Mutation[],
): Promise<void> {
  const actor = {
    userId: writer.userId,
    deviceId: writer.deviceId,
    role: 'manager' as const,
    centreId: writer.centreId,
  };
  for (let i = 0; i < mutations.length; i += MUTATIONS_PER_PUSH) {
    const items = mutations
      .slice(i, i + MUTATIONS_PER_PUSH)
      .map((mutation) => ({ mutation, actor }));
    const answer = await applyPush(
      db,
      { protocolVersion: PROTOCOL_VERSION, deviceId: writer.deviceId, items },
      new Date(),
    );
    if (answer.rejected.length > 0) {
      throw new Error(`the server refused a seeded record: ${JSON.stringify(answer.rejected[0])}`);
    }
  }
}

/** One centre per district (made if missing), each with a disabled manager and her tablet. */
async function ensureWriters(
  db: Kysely<SyncDatabase>,
  { year, seed }: SeedYearOptions,
): Promise<SeedWriter[]> {
  const at = new Date().toISOString();
  const existing = await db.selectFrom('centres').select(['id', 'district_code']).execute();
  const centreOf = new Map(existing.map((centre) => [centre.district_code, centre.id]));
  const writers: SeedWriter[] = [];
  for (const district of districts) {
    let centreId = centreOf.get(district.code);
    if (centreId === undefined) {
      centreId = randomUUID();
      await db
        .insertInto('centres')
        .values({
          id: centreId,
          district_code: district.code,
          name_hi: `वन स्टॉप सेंटर (सखी), ${district.hi}`,
          name_en: `One Stop Centre (Sakhi), ${district.en}`,
          created_at: at,
        })
        .execute();
    }
    const userId = randomUUID();
    const deviceId = `seed-${year}-${seed}-${district.code}-${userId.slice(0, 8)}`;
    await db
      .insertInto('users')
      .values({
        id: userId,
        centre_id: centreId,
        role: 'manager',
        display_name: `बीज डेटा प्रबंधक, ${district.hi}`,
        username: `seed.${district.code.toLowerCase()}.${userId.slice(0, 8)}`,
        password_hash: 'seeded-account-cannot-sign-in',
        created_at: at,
        disabled_at: at,
      })
      .execute();
    // Registered as a sign-in registers a tablet, so its case-number tag is the one the
    // district's counter hands out (never another tablet's).
    const device = await registerDevice(db, {
      deviceId,
      name: null,
      owner: { userId, centreId, districtCode: district.code },
      now: new Date(at),
    });
    writers.push({
      centreId,
      districtCode: district.code,
      userId,
      deviceId,
      deviceTag: device.tag,
    });
  }
  return writers;
}
